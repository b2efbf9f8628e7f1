export default async function globalTeardown() {
  await globalThis.__PQ_TEST_DATABASE__?.stop();
}
