/** The Public Suffix List, a rule per line (scripts/public-suffix-plugin.ts). */
declare module 'virtual:public-suffix-list' {
  const list: string;
  export default list;
}
/** crxjs builds `import file from './x.ts?iife'` as a classic script and gives its output path (for scripting.executeScript). */
declare module '*?iife' {
  const path: string;
  export default path;
}
/** Whether this is the demo and test build, with the demo site's rule (vite.config.ts). */
declare const __MOMO_DEMO__: boolean;
