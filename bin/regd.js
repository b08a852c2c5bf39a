#!/usr/bin/env node
// regd's entry point: registers tsx so the TypeScript sources run as they are (no build step), then hands over.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
