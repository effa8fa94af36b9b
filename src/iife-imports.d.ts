/** crxjs builds `import file from './x.ts?iife'` as a classic script and gives its output path (for scripting.executeScript). */
declare module '*?iife' {
  const path: string;
  export default path;
}
