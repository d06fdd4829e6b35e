// Replays one failing property run: FC_SEED (and FC_PATH, from the failure report) pin every property to it.
// fast-check is loaded only then, so the other test files pay nothing for this hook.
const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') {
  const { fc } = await import('@fast-check/vitest');
  const path = process.env.FC_PATH;
  fc.configureGlobal({ seed: Number(seed), ...(path ? { path, endOnFailure: true } : {}), verbose: 2 });
}

export {};
