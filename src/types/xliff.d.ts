/** The two functions of the `xliff` package Editions uses (it ships no types). */
declare module 'xliff/js2xliff' {
  export default function js2xliff(js: unknown, options?: { indent?: string | false }): Promise<string>;
}
declare module 'xliff/xliff2js' {
  export default function xliff2js(xml: string): Promise<unknown>;
}
