/**
 * onnxruntime 1.29+ ships Microsoft's telemetry in its Linux and macOS builds, on by default: each process that
 * creates a session stores a device id and queues events (OS, executable, providers, run counts and timings)
 * in ~/.cache/Microsoft/DeveloperTools/.onnxruntime for upload to mobile.events.data.microsoft.com, and writes
 * a mat-debug-<pid>.log into the temporary folder. Nothing may leave a clinic's machine, so it is switched off.
 * onnxruntime reads the variable when it creates its environment (the first session, checked: setting it after
 * the import works), so setting it here, in a module every importer of onnxruntime-node imports, covers the host
 * and the tests that load onnxruntime in their own process; the parents also start the host with it
 * (inferenceHostEnv), so a bundle's import order cannot matter.
 */
process.env.ORT_DISABLE_TELEMETRY = '1';
