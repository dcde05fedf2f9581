// setupFiles of the `slow` project (jest.config.js): the property suites run
// 10,000 cases per property here (1,000 elsewhere) unless told otherwise.
process.env.PRECLEAR_PROPERTY_RUNS ??= "10000";
