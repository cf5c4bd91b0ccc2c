import { constructError, testStack } from '../../test/util';
import { Cpu, Gpu, renderResources, Size, sizeQuantity } from './quantities';
import { Volume } from './volumes';

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
    expect(sizeQuantity(Size.gibibytes(1.5))).toBe('1536Mi');
    expect(sizeQuantity(Size.tebibytes(1.25))).toBe('1280Gi');
    expect(sizeQuantity(Size.mebibytes(0.5))).toBe('512Ki');
  });

  test('a fractional byte count is rounded up to whole bytes, never rendered as a decimal', () => {
    // 1.2 GiB is 1288490188.8 bytes; the API server would keep "1288490188.8" as 1288490188800m.
    expect(sizeQuantity(Size.gibibytes(1.2))).toBe('1288490189');
    expect(sizeQuantity(Size.gibibytes(0.1))).toBe('107374183');
    expect(sizeQuantity(Size.mebibytes(0.3))).toBe('314573');
    expect(sizeQuantity(Size.kibibytes(0.0001))).toBe('1');
    for (const amount of [0.1, 0.3, 1.1, 1.2, 2.7, 3.7, 7.9]) {
      expect(sizeQuantity(Size.gibibytes(amount))).toMatch(/^[1-9]\d*(Ki|Mi|Gi|Ti)?$/);
    }
  });

  test('every size field renders whole bytes: resources, emptyDir and /dev/shm limits', () => {
    const r = renderResources(testStack(), 'resources', { memory: { request: Size.gibibytes(1.2), limit: Size.gibibytes(1.2) }, ephemeralStorage: { request: Size.mebibytes(0.3) } });
    expect(r).toEqual({ requests: { 'memory': '1288490189', 'ephemeral-storage': '314573' }, limits: { memory: '1288490189' } });
    expect(Volume.sharedMemory(Size.gibibytes(1.2))._render().emptyDir).toEqual({ medium: 'Memory', sizeLimit: '1288490189' });
    expect(Volume.emptyDir('scratch', { sizeLimit: Size.gibibytes(2.5) })._render().emptyDir).toEqual({ sizeLimit: '2560Mi' });
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
