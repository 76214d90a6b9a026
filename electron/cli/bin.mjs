#!/usr/bin/env node
// Runs the TypeScript CLI straight from source (tsx), so `npx delineate` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
