import { DefaultLogger, Runtime } from '@temporalio/worker';

// Test output shows warnings and errors of the Temporal SDK, not every worker state change.
// (The fault-injection test still logs its injected failure at WARN: that one is expected.)
Runtime.install({ logger: new DefaultLogger('WARN') });
