// bin/ringside entry point: one CLI, subcommands registered from one place each.
import { Command } from 'commander';
import { registerAdmin } from './admin-command.ts';
import { registerApprovals } from './approvals-command.ts';
import { registerBench } from './bench-command.ts';
import { registerDemo } from './demo-command.ts';
import { registerHotpath } from './hotpath-command.ts';
import { registerChaos } from './chaos-command.ts';
import { registerReplay } from './replay-command.ts';

const program = new Command('ringside')
  .description('Ringside: execution-critical path for electronic trading')
  .showHelpAfterError();
registerBench(program);
registerReplay(program);
registerApprovals(program);
registerAdmin(program);
registerDemo(program);
registerHotpath(program);
registerChaos(program);
await program.parseAsync(process.argv);
