// setupFiles of the `unit` project (jest.config.js): mark the worker so that
// test/helpers/cli.ts refuses to spawn the built CLI here; such a test
// belongs in the `e2e` project.
process.env.PRECLEAR_TEST_PROJECT = "unit";
