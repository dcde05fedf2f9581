/** Types of src/build/freshness.mjs (plain JavaScript, run by Node before any build). */
export declare const ROOT: string;
export declare const STAMP: string;
export declare const BUILD_INPUTS: readonly string[];
export declare function newestInput(root?: string): [number, string];
export declare function staleReason(root?: string): string | undefined;
