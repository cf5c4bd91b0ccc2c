import { isRequestUri } from './urls';

// Go's url.ParseRequestURI, as Kubernetes' isURL uses it; oracle.test.ts checks more against it.
test.each([
  ['https://example.com/a?b=c', true],
  ['/absolute/path', true],
  ['relative/path', false],
  ['mailto:me@example.com', true],
  ['http://example.com:8080/', true],
  ['http://example.com:http/', false],
  ['http://[::1]:80/', true],
  ['http://[::1', false],
  ['http://exa mple.com', false],
  ['http://host/%zz', false],
  ['http://example.com/?q=%zz', true],
  ['http://ex%2Fample.com', false],
  [':foo', false],
  ['http://a\tb', false],
])('%s is a URL: %p', (url, want) => {
  expect(isRequestUri(url)).toBe(want);
});
