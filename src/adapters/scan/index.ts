/**
 * @module adapters/scan
 * `scanSource()`: read a dataset through the source readers and classify its columns. The stable entry point
 * for the CLI, the assessment engine and the gateway.
 */
