/** The `switchyard` command. */
import { errorMessage, isSwitchyardError } from '../errors.ts';
import { getCommand } from './get.ts';
import { lintCommand } from './lint.ts';
import { processOutput, type Output } from './output.ts';
import { runCommand } from './run.ts';
import { singleResourceCommand } from './single.ts';
import { testCommand } from './test.ts';

const HELP = `switchyard: runs Argo Events manifests (EventSource, Sensor, EventBus) unchanged

usage:
  switchyard run PATH...       run every EventSource and Sensor found in the files or folders in one process
  switchyard eventsource NAME -f PATH...
                               run one EventSource (as Argo's event source pod); metrics on :7777
  switchyard sensor NAME -f PATH...
                               run one Sensor (as Argo's sensor pod); metrics on :7777
    options of run, eventsource and sensor:
      --bus nats://HOST:PORT   use NATS JetStream (also SWITCHYARD_BUS); default: a jetstreamExotic EventBus
                               in PATH, else the embedded bus in --data-dir
      --metrics-port N         serve /metrics, /healthz, /readyz (run: off unless given; others: 7777)
      --data-dir DIR           where the embedded bus and created objects are kept (default ./.switchyard)
      --secrets-dir DIR        secrets laid out as DIR/<name>/<key> (also: SWITCHYARD_SECRET_<NAME>_<KEY>)
      --kubeconfig FILE        argoWorkflow and k8s triggers act on this API server (default: the local store)
      --log-level LEVEL        debug, info (default), warn, error
  switchyard lint PATH...      check manifests; exit 1 on any error  (--json for machine-readable findings)
  switchyard test SENSOR.yaml --event DEP=data.json [--body DEP=body.json] [--json]
                               feed events to a sensor offline and show what it decides (nothing is executed)
  switchyard get workflows     list Workflows that triggers submitted (-o json|yaml, --data-dir DIR)
  switchyard get resources     list other objects that k8s triggers created
  switchyard version`;

type Command = (args: string[], out: Output) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  eventsource: singleResourceCommand('eventsource'),
  sensor: singleResourceCommand('sensor'),
  lint: (args, out) => lintCommand(args, out),
  get: getCommand,
  test: testCommand,
  version: async (_args, out) => {
    out.stdout('switchyard 0.1.0');
    return 0;
  },
  help: async (_args, out) => {
    out.stdout(HELP);
    return 0;
  },
};

export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    out.stdout(HELP);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    out.stderr(`unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await cmd(rest, out);
  } catch (err) {
    const code = isSwitchyardError(err) ? `${err.code}: ` : '';
    out.stderr(`error: ${code}${errorMessage(err)}`);
    return 1;
  }
}
