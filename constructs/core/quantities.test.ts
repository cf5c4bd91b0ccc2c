import { constructError, testStack } from '../../test/util';
import { Cpu, Gpu, renderResources, Size, sizeQuantity } from './quantities';

describe('quantities', () => {
  test('cpu renders whole cores and millicores', () => {
    expect(Cpu.units(2).toQuantity()).toBe('2');
    expect(Cpu.units(0.5).toQuantity()).toBe('500m');
    expect(Cpu.millis(1500).toQuantity()).toBe('1500m');
  });

  test('sizes use the largest whole binary unit', () => {
    expect(sizeQuantity(Size.gibibytes(8))).toBe('8Gi');
    expect(sizeQuantity(Size.mebibytes(1536))).toBe('1536Mi');
    expect(sizeQuantity(Size.tebibytes(2))).toBe('2Ti');
    expect(sizeQuantity(Size.kibibytes(3))).toBe('3Ki');
    expect(sizeQuantity(Size.gibibytes(0))).toBe('0');
  });

  test('resources render requests, limits and GPUs with request = limit', () => {
    const stack = testStack();
    expect(renderResources(stack, 'resources', {
      cpu: { request: Cpu.millis(250), limit: Cpu.units(1) },
      memory: { request: Size.gibibytes(2) },
      ephemeralStorage: { limit: Size.gibibytes(20) },
      gpu: Gpu.amd(2),
    })).toEqual({
      requests: { 'cpu': '250m', 'memory': '2Gi', 'amd.com/gpu': '2' },
      limits: { 'cpu': '1', 'ephemeral-storage': '20Gi', 'amd.com/gpu': '2' },
    });
    expect(renderResources(stack, 'resources', {})).toBeUndefined();
    expect(renderResources(stack, 'r', { gpu: Gpu.of('habana.ai/gaudi', 8) })?.limits).toEqual({ 'habana.ai/gaudi': '8' });
  });

  test.each([
    [Gpu.nvidia(0), 'resources.gpu: GPU count must be a whole number ≥ 1, got 0'],
    [Gpu.nvidia(1.5), 'resources.gpu: GPU count must be a whole number ≥ 1, got 1.5'],
    [Gpu.nvidia(-1), 'got -1'],
    [Gpu.of('gpu', 1), '"gpu" is not an extended resource name'],
  ])('bad GPU %o is an error', (gpu, text) => {
    const stack = testStack();
    const e = constructError(() => renderResources(stack, 'resources', { gpu }));
    expect(e.message).toContain(text);
    expect(e.constructPath).toBe('test');
    expect(e.field).toBe('resources.gpu');
  });

  test('request above limit is an error naming both', () => {
    const e = constructError(() => renderResources(testStack(), 'resources', { memory: { request: Size.gibibytes(4), limit: Size.gibibytes(2) } }));
    expect(e.field).toBe('resources.memory');
    expect(e.problem).toBe('request 4Gi is greater than limit 2Gi');
  });

  test('zero or negative amounts and sub-millicore CPU are errors', () => {
    expect(constructError(() => renderResources(testStack(), '', { cpu: { request: Cpu.units(0) } })).field).toBe('cpu.request');
    expect(constructError(() => renderResources(testStack(), '', { cpu: { limit: Cpu.millis(0.5) } })).problem).toContain('finer than Kubernetes allows');
    expect(constructError(() => renderResources(testStack(), '', { memory: { limit: Size.gibibytes(0) } })).problem).toBe('must be greater than zero, got 0');
  });
});
