/** The server's version, reported by /health and the OpenAPI page. */
export const VERSION = '0.1.0';
