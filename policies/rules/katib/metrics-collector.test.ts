import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const check = (metricsCollectorSpec: unknown) => ruleFindings('katib/metrics-collector', experiment({ metricsCollectorSpec })).map((f) => `${f.path}: ${f.message}`);

describe('katib/metrics-collector', () => {
  test('rejects sources that do not fit the kind', () => {
    expect(check({ collector: { kind: 'File' }, source: { fileSystemPath: { path: 'metrics.log', kind: 'Directory', format: 'CSV' } } })).toEqual([
      '.spec.metricsCollectorSpec.source.fileSystemPath.kind: is "Directory"; the File collector reads a file',
      '.spec.metricsCollectorSpec.source.fileSystemPath.path: "metrics.log" is not an absolute path',
      '.spec.metricsCollectorSpec.source.fileSystemPath.format: "CSV" is not a metrics file format',
    ]);
    expect(check({ collector: { kind: 'File' }, source: { fileSystemPath: { path: '/m.json', format: 'JSON' }, filter: { metricsFormat: ['(a)=(b)'] } } })).toEqual([
      '.spec.metricsCollectorSpec.source.filter: is set for a JSON metrics file, which Katib parses without a filter',
    ]);
    expect(check({ collector: { kind: 'TensorFlowEvent' }, source: { fileSystemPath: { path: '/logs', format: 'TEXT' } } })).toEqual([
      '.spec.metricsCollectorSpec.source.fileSystemPath.format: must be empty for TensorFlow event files, got "TEXT"',
    ]);
    expect(check({ collector: { kind: 'PrometheusMetric' }, source: { httpGet: { port: 'metrics', path: 'metrics' } } })).toEqual([
      '.spec.metricsCollectorSpec.source.httpGet.port: must be a positive port number, got "metrics"',
      '.spec.metricsCollectorSpec.source.httpGet.path: "metrics" must start with "/"',
    ]);
    expect(check({ collector: { kind: 'Custom' }, source: { fileSystemPath: { path: '/m.log' } } })).toEqual([
      '.spec.metricsCollectorSpec.collector.customCollector: is required for the Custom collector',
      '.spec.metricsCollectorSpec.source.fileSystemPath: needs an absolute path and kind File or Directory, got path "/m.log" and kind ""',
    ]);
    expect(check({ collector: { kind: 'None' } })).toEqual([
      '.spec.metricsCollectorSpec.collector.kind: "None" is not a metrics collector kind (Katib v0.19 renamed None to Push)',
    ]);
  });

  test('rejects filters that do not compile or lack two groups', () => {
    expect(check({ collector: { kind: 'StdOut' }, source: { filter: { metricsFormat: ['(a)(b', 'accuracy=(\\d+)', '(?=x)(a)(b)'] } } })).toEqual([
      expect.stringMatching(/^\.spec\.metricsCollectorSpec\.source\.filter\.metricsFormat\[0\]: "\(a\)\(b" is not a valid regular expression: /),
      '.spec.metricsCollectorSpec.source.filter.metricsFormat[1]: "accuracy=(\\d+)" needs two groups: the metric name, then its value',
      '.spec.metricsCollectorSpec.source.filter.metricsFormat[2]: "(?=x)(a)(b)" is not a valid regular expression: look-around assertions are not supported by Go\'s regexp',
    ]);
  });

  test('accepts each kind with Katib\'s defaults filled in, and RE2 syntax JavaScript lacks', () => {
    for (const spec of [
      undefined,
      { collector: { kind: 'Push' } },
      { collector: { kind: 'File' } },
      { collector: { kind: 'TensorFlowEvent' }, source: { fileSystemPath: { path: '/logs/train', kind: 'Directory' } } },
      { collector: { kind: 'PrometheusMetric' } },
      { collector: { kind: 'Custom', customCollector: { name: 'c', image: 'i' } }, source: { fileSystemPath: { path: '/m.log', kind: 'File' } } },
      { collector: { kind: 'StdOut' }, source: { filter: { metricsFormat: ['(?P<name>[\\w-]+)=(?i)(\\d+)'] } } },
    ]) expect(check(spec)).toEqual([]);
  });
});
