/**
 * Why Go's regexp (RE2) would not compile `pattern`, or undefined when it would: JavaScript's
 * engine after translating RE2's own syntax (`(?P<name>`, inline flags), and RE2's refusal of
 * look-around and back-references.
 */
export function goRegexpError(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around assertions are not supported by Go\'s regexp';
  if (/(^|[^\\])\\[1-9]/.test(pattern)) return 'back-references are not supported by Go\'s regexp';
  const js = pattern.replace(/\(\?P</g, '(?<').replace(/\(\?[imsU]+\)/g, '').replace(/\(\?[imsU]+:/g, '(?:');
  try {
    new RegExp(js);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
