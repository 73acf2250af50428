/** `cookie` 0.7 ships no types; the one function the auth guard uses. */
declare module 'cookie' {
  export function parse(
    header: string,
    options?: { decode?: (value: string) => string },
  ): Record<string, string | undefined>;
}
