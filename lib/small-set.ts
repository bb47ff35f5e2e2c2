/**
 * Up to this many matching incidents, the dashboard holds them all and draws them itself (exact
 * sums in the browser, every incident in the list); past it, the map draws vector tiles and the
 * list shows a page of those in view. DASHBOARD_SMALL_SET changes it on the server.
 */
export const SMALL_SET = 2000;
