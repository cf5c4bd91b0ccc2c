import * as YAML from 'yaml';
import { KUBE_YAML } from './yaml-options';
import { resolvePlainScalar } from './yaml-scalars';

/** What the `yaml` package, configured as kubectl reads YAML, makes of a plain scalar. */
const viaYaml = (s: string) => YAML.parse(`v: ${s}\n`, KUBE_YAML).v;

describe('resolvePlainScalar agrees with the yaml package (YAML 1.1 as kubectl reads it)', () => {
  const words = ['~', 'null', 'Null', 'NULL', 'nULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'tRUE',
    'false', 'False', 'FALSE', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF', 'name', 'nvidia.com/gpu', 'onion', 'yesterday', 'Nope'];
  const numbers = ['0', '-0', '+0', '7', '42', '-17', '+3', '0755', '0o755', '08', '0_7', '0_', '1_000', '0b101', '-0b11', '0b', '0x1F', '0X1F', '-0xff', '0x_1', '0x',
    '1.5', '.5', '1.', '-1.5e3', '1e3', '1E+3', '1e-3', '.e3', '1_0.5', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '.Nan', '1:20', '190:20:30', '1:20.5',
    '2024-01-01', '2001-12-14t21:59:43.10-05:00', '500m', '1Gi', '2 cores', '1.2.3', '--', '+', '.', '..', '-x', '+1x', '1e', '9999999999999999999', '0.1.2'];
  test.each([...words, ...numbers])('%j', (s) => {
    const expected = viaYaml(s);
    const actual = resolvePlainScalar(s);
    if (typeof expected === 'number' && Number.isNaN(expected)) expect(Number.isNaN(actual as number)).toBe(true);
    else expect(Object.is(actual, expected)).toBe(true);
  });
});
