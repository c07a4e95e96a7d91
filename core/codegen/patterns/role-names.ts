/** Normalized prop and layer names each role answers to ("Helper Text" → "helpertext"). */
export const DISABLED = ['disabled', 'isdisabled'];
export const PRESSED = ['pressed', 'ispressed', 'toggled', 'istoggled', 'selected', 'isselected'];
export const LOADING = ['loading', 'isloading', 'busy'];
export const ERROR = ['error', 'invalid', 'haserror', 'iserror', 'isinvalid'];
export const REQUIRED = ['required', 'isrequired'];
export const READONLY = ['readonly', 'isreadonly'];
export const CHECKED = ['checked', 'ischecked', 'selected', 'isselected', 'value'];
export const INDETERMINATE = ['indeterminate', 'isindeterminate', 'mixed', 'partial', 'partiallychecked'];

export const TRAILING = /(trailing|right|end|after|suffix|close|remove|dismiss|chevron|arrow)/;
export const LEADING = /(icon|leading|left|start|before|prefix|avatar|dot)/;
