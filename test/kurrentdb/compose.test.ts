import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../services/config.js';
import { isKurrentDbConnectionString } from '../../services/eventstore/kurrentdb/connectionString.js';
import { isPostgresConnectionString } from '../../services/eventstore/postgres/connectionString.js';

/**
 * docker-compose.yml checked without a Docker daemon: the services, their health checks and
 * start order, the cluster profile, the volumes, and that every sijill's SIJILL_STORE is a
 * KurrentDB connection string the configuration accepts, naming hosts that exist.
 */
interface Service {
  image?: string;
  restart?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  networks?: Record<string, unknown>;
}

const compose = parse(await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as Compose;
const { services } = compose;
const isKurrentDb = (s: Service) => s.image?.startsWith('kurrentplatform/kurrentdb:') ?? false;
const named = (filter: (s: Service) => boolean) => Object.keys(services).filter((name) => filter(services[name]!));
const inCluster = (s: Service) => s.profiles?.includes('cluster') ?? false;
const inPostgres = (s: Service) => s.profiles?.includes('postgres') ?? false;
/** The sijill services on KurrentDB (the default and the cluster profile). */
const onKurrentDb = (s: Service) => !isKurrentDb(s) && !inPostgres(s);
const hostsOf = (store: string) =>
  store
    .replace(/^[^:]+:\/\//, '')
    .split('?')[0]!
    .split(',')
    .map((host) => host.split(':')[0]!);
const networksOf = (s: Service) => (Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? { default: {} }));

describe('docker-compose.yml', () => {
  it('runs one KurrentDB node and one sijill by default, a three-node cluster and two replicas in the cluster profile', () => {
    expect(named((s) => isKurrentDb(s) && !inCluster(s))).toEqual(['kurrentdb']);
    expect(named((s) => onKurrentDb(s) && !inCluster(s))).toEqual(['sijill']);
    expect(named((s) => isKurrentDb(s) && inCluster(s))).toEqual(['kurrentdb-node1', 'kurrentdb-node2', 'kurrentdb-node3']);
    expect(named((s) => !isKurrentDb(s) && inCluster(s))).toEqual(['sijill-replica-1', 'sijill-replica-2']);
    expect(named(inPostgres)).toEqual(['postgres', 'sijill-pg-1', 'sijill-pg-2']);
    for (const name of named((s) => !isKurrentDb(s) && s.image === undefined)) expect(services[name]!.build, name).toBe('.');
  });

  it('pins the KurrentDB image and runs it insecure with projections, clustered where it should be', () => {
    for (const name of named(isKurrentDb)) {
      const s = services[name]!;
      expect(s.image).toMatch(/^kurrentplatform\/kurrentdb:\d+\.\d+/);
      expect(s.environment).toMatchObject({
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_RUN_PROJECTIONS: 'All',
        KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
        KURRENTDB_CLUSTER_SIZE: inCluster(s) ? '3' : '1',
      });
    }
    // Each cluster node seeds its gossip with the other two, by the addresses they have.
    const addressOf = (name: string) =>
      (services[name]!.networks as Record<string, { ipv4_address: string }>).cluster!.ipv4_address;
    for (const name of named((s) => isKurrentDb(s) && inCluster(s))) {
      const others = named((s) => isKurrentDb(s) && inCluster(s)).filter((other) => other !== name);
      const seeds = services[name]!.environment!.KURRENTDB_GOSSIP_SEED!.split(',');
      expect(seeds.sort()).toEqual(others.map((other) => `${addressOf(other)}:2113`).sort());
      expect(services[name]!.environment!.KURRENTDB_REPLICATION_IP).toBe(addressOf(name));
    }
  });

  it('health-checks every service: KurrentDB on /health/live, sijill on /health/ready', () => {
    for (const name of Object.keys(services)) {
      const test = JSON.stringify(services[name]!.healthcheck?.test ?? '');
      const expected = isKurrentDb(services[name]!) ? '/health/live' : name === 'postgres' ? 'pg_isready' : '/health/ready';
      expect(test, name).toContain(expected);
    }
  });

  it('starts each sijill only once every KurrentDB node it names is healthy, on a network it shares', () => {
    for (const name of named(onKurrentDb)) {
      const s = services[name]!;
      const hosts = hostsOf(s.environment!.SIJILL_STORE!);
      expect(Object.keys(s.depends_on ?? {}).sort(), name).toEqual([...hosts].sort());
      for (const host of hosts) {
        expect(s.depends_on![host]!.condition, `${name} → ${host}`).toBe('service_healthy');
        expect(services[host], host).toBeDefined();
        expect(inCluster(services[host]!), host).toBe(inCluster(s));
        expect(
          networksOf(s).filter((n) => networksOf(services[host]!).includes(n)),
          `${name} ↔ ${host}`,
        ).not.toEqual([]);
      }
    }
  });

  it('lets each sijill wait minutes for a leader: /health/live answers before the election, so opening retries', () => {
    for (const name of named((s) => !isKurrentDb(s) && s.image === undefined)) {
      const config = loadConfig({ ...services[name]!.environment });
      expect(config.storeOpenTimeoutMs, name).toBeGreaterThanOrEqual(120_000);
      // Should it give up all the same, it exits and compose starts it again.
      expect(services[name]!.restart, name).toBe('unless-stopped');
    }
  });

  it("gives each sijill a KurrentDB SIJILL_STORE that the service's configuration accepts", () => {
    for (const name of named(onKurrentDb)) {
      const store = services[name]!.environment!.SIJILL_STORE!;
      expect(isKurrentDbConnectionString(store), name).toBe(true);
      expect(loadConfig({ ...services[name]!.environment }).store).toBe(store);
    }
  });

  it('keeps all state on named volumes, one per service, and publishes ports on loopback only', () => {
    const mounted = Object.entries(services).flatMap(([name, s]) => {
      expect(s.volumes?.length, name).toBe(1);
      return s.volumes!.map((volume) => volume.split(':'));
    });
    for (const [volume, path] of mounted) {
      expect(Object.keys(compose.volumes)).toContain(volume);
      expect(['/var/lib/kurrentdb', '/app/data', '/var/lib/postgresql/data']).toContain(path);
    }
    expect(new Set(mounted.map(([volume]) => volume)).size).toBe(mounted.length);
    const published = Object.values(services).flatMap((s) => s.ports ?? []);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(new Set(published.map((p) => p.split(':')[1])).size).toBe(published.length);
  });

  it('runs two sijill replicas on one PostgreSQL in the postgres profile, each started once it is healthy', () => {
    for (const name of ['sijill-pg-1', 'sijill-pg-2']) {
      const s = services[name]!;
      const store = s.environment!.SIJILL_STORE!;
      expect(isPostgresConnectionString(store), name).toBe(true);
      expect(loadConfig({ ...s.environment }).store).toBe(store);
      expect(new URL(store).hostname).toBe('postgres');
      expect(s.depends_on?.postgres?.condition, name).toBe('service_healthy');
    }
    expect(services.postgres!.image).toMatch(/^postgres:\d+/);
  });
});
