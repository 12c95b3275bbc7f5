/** The `/reference` text every ack bench request carries; the anchor app opens the form refdesk makes of it. */
export const BENCH_REQUEST = "need an EMEA fintech CFO to talk to Acme by Friday";
