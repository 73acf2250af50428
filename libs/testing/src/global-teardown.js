module.exports = async function globalTeardown() {
  const child = globalThis.__DONDOC_TEST_SERVICES__;
  if (!child || child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.stdin.end();
  });
};
