// Microsoft's JavaScript Graph client (@microsoft/microsoft-graph-client 3), unchanged, against
// the emulator over https: it sends the token only to https hosts and follows only https links.
// Run by tests/tls.spec.mjs with NODE_EXTRA_CA_CERTS set to the emulator's certificate.
// Usage: node clients/graph-js-client.mjs BASE_URL CONFIGURATION_ID ASSIGNMENT_ID GROUP_ID
// Prints one JSON line: the ids the page iterator saw, the statuses of the throttled writes,
// the status of one more write with retries off, and the statuses of the batch's inner
// responses.
import graph from '@microsoft/microsoft-graph-client';

const { BatchRequestContent, BatchResponseContent, Client, PageIterator, RetryHandlerOptions } = graph;
const [baseUrl, configurationId, assignmentId, groupId] = process.argv.slice(2);

const client = Client.init({
  baseUrl,
  defaultVersion: 'beta',
  customHosts: new Set([new URL(baseUrl).hostname]),
  authProvider: (done) => done(null, 'graph-js-client-token'),
});

const configurations = '/deviceAppManagement/iosLobAppProvisioningConfigurations';
const seen = [];
const firstPage = await client.api(configurations).select('id,displayName').get();
await new PageIterator(client, firstPage, (item) => {
  seen.push(item.id);
  return true;
}).iterate();

// Three writes against a throttle of one per two seconds: the RetryHandler waits out the 429s.
const assignment = `${configurations}/${encodeURIComponent(configurationId)}/assignments/${encodeURIComponent(assignmentId)}`;
const writes = [];
for (let index = 0; index < 3; index += 1) {
  const response = await client.api(assignment).responseType('raw').patch({
    target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId },
  });
  writes.push(response.status);
}
// The same write with retries turned off meets the throttle: the retries above were needed.
let unretried;
try {
  await client.api(assignment).middlewareOptions([new RetryHandlerOptions(0, 0)]).patch({
    target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId },
  });
  unretried = 204;
} catch (error) {
  unretried = error.statusCode;
}

const batch = new BatchRequestContent([
  { id: '1', request: new Request(`${baseUrl}/beta${assignment}`, { method: 'GET' }) },
  { id: '2', request: new Request(`${baseUrl}/beta${configurations}/missing`, { method: 'GET' }) },
]);
const batchResponse = new BatchResponseContent(await client.api('/$batch').post(await batch.getContent()));
const inner = [...batchResponse.getResponses()].map(([id, response]) => [id, response.status]);

console.log(JSON.stringify({ seen, writes, unretried, inner }));
