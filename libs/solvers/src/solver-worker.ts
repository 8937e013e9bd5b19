/**
 * Worker-thread entry (not exported from the lib's index): solves one
 * LinearProgram at a time for SolverPool, so a long synchronous WASM solve
 * never blocks the main event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSolver } from './create-solver';
import { LpSolver, SolverName } from './lp-solver';
import { warmUpProgram } from './warm-up';
import { SolveRequest, SolverWorkerMessage, SolverWorkerSetup } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('solver-worker runs only as a worker thread (see SolverPool).');

const solvers = new Map<SolverName, LpSolver>();

function solverFor(name: SolverName): LpSolver {
  let solver = solvers.get(name);
  if (solver === undefined) {
    solver = createSolver(name);
    solvers.set(name, solver);
  }
  return solver;
}

function send(message: SolverWorkerMessage): void {
  port?.postMessage(message);
}

async function warmUp(setup: SolverWorkerSetup): Promise<void> {
  const started = Date.now();
  for (const name of setup.warmUp) await solverFor(name).solve(warmUpProgram());
  send({ kind: 'ready', warmUpMs: Date.now() - started });
}

async function handle(request: SolveRequest): Promise<void> {
  try {
    const solution = await solverFor(request.solver).solve(request.lp, request.options);
    send({ kind: 'result', id: request.id, solution });
  } catch (error) {
    send({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (request: SolveRequest) => void handle(request));
// A failing warm-up is an uncaught rejection: the worker dies and the pool reports why.
void warmUp(workerData as SolverWorkerSetup);
