import testcontainers from 'testcontainers';

/**
 * Where the KurrentDB tests run: an existing server (`SIJILL_TEST_KURRENTDB=<connection
 * string>`), else a throwaway container through testcontainers, else nowhere — then the
 * suites are skipped with the reason printed, and the rest of the run goes on.
 *
 * The container is configured as the `@testcontainers/kurrentdb` module does it (that
 * module's only release needs Node 22): port 2113, one node, insecure, all projections with
 * the standard ones started, ready when the image's own health check passes.
 */
export const KURRENTDB_IMAGE = process.env.SIJILL_TEST_KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:25.1';

export type KurrentDbTarget =
  | { readonly available: true; readonly where: string; start(): Promise<{ connectionString: string; stop(): Promise<void> }> }
  | { readonly available: false; readonly reason: string };

const redacted = (connectionString: string) => connectionString.replace(/\/\/[^@/]*@/, '//***@');

export const findKurrentDb = async (): Promise<KurrentDbTarget> => {
  const given = process.env.SIJILL_TEST_KURRENTDB;
  if (given) {
    return {
      available: true,
      where: `the server in SIJILL_TEST_KURRENTDB (${redacted(given)})`,
      start: async () => ({ connectionString: given, stop: async () => {} }),
    };
  }
  try {
    await testcontainers.getContainerRuntimeClient();
  } catch (error) {
    return {
      available: false,
      reason: `no container runtime (${(error as Error).message}) and SIJILL_TEST_KURRENTDB is not set`,
    };
  }
  return {
    available: true,
    where: `a ${KURRENTDB_IMAGE} container`,
    start: async () => {
      const container = await new testcontainers.GenericContainer(KURRENTDB_IMAGE)
        .withExposedPorts(2113)
        .withEnvironment({
          KURRENTDB_CLUSTER_SIZE: '1',
          KURRENTDB_RUN_PROJECTIONS: 'All',
          KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
          KURRENTDB_INSECURE: 'true',
        })
        .withStartupTimeout(120_000)
        .withWaitStrategy(testcontainers.Wait.forHealthCheck())
        .start();
      return {
        connectionString: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
        stop: async () => {
          await container.stop();
        },
      };
    },
  };
};

/** Find the target once per test file and say, in the run's output, where the suite runs or why it does not. */
export const kurrentDbForSuite = async (suite: string): Promise<KurrentDbTarget> => {
  const target = await findKurrentDb();
  if (target.available) console.info(`[${suite}] running against ${target.where}`);
  else console.warn(`[${suite}] SKIPPED: ${target.reason}`);
  return target;
};
