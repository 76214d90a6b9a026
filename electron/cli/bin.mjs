#!/usr/bin/env node
// Runs the TypeScript CLI straight from source (tsx), so `npx delineate` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// Volume-building commands run again in a child whose glibc backs big arrays with huge pages (runtimes.ts).
const { relaunchForVolumes } = await import('./runtimes.ts');
const status = relaunchForVolumes(process.argv.slice(2));
if (status !== null) process.exit(status);
await import('./main.ts');
