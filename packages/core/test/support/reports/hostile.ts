/** A column name and values that try to break out of HTML, attributes and script elements. */
export const HOSTILE_NAME = '<script>alert(1)</script>';
export const HOSTILE_VALUES = [
  'Tom & "Jerry"',
  "O'Brien <b>bold</b>",
  '</script><script>alert(2)</script>',
] as const;
export const HOSTILE_REASON = 'value <img src=x onerror=alert(3)> & "quoted" \'single\'';
