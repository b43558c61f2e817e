// Drives the emulator with the official JavaScript SDK (@azure/event-hubs, pinned in the repository's package.json).
// Usage: node event-hubs-client.mjs <command> '<json arguments>'  with EVENTHUBS_CONNECTION_STRING and EVENTHUBS_NAME set.
// Prints one JSON line with the outcome; an SDK error is printed as {"error": {"name", "code", "message"}} and exits 0, so the
// test can assert on how the SDK reported it. Anything else (a bug in this script) exits non-zero.
import { EventHubConsumerClient, EventHubProducerClient } from "@azure/event-hubs";

const [command, rawArguments = "{}"] = process.argv.slice(2);
const args = JSON.parse(rawArguments);
const connectionString = process.env.EVENTHUBS_CONNECTION_STRING;
const eventHubName = process.env.EVENTHUBS_NAME;
const retryOptions = { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: 10000 };

// The SDK wraps the errors of its retries in (nested) AggregateErrors; the first attempt's error is the one the service caused.
const rootCause = error => {
  let cause = error;
  while (cause instanceof AggregateError) {
    cause = cause.errors?.length ? cause.errors[0] : cause.cause;
  }
  return cause;
};
const describeError = error => {
  const cause = rootCause(error);
  return { error: { name: cause.name, code: cause.code ?? null, message: cause.message } };
};

// Bodies travel as bytes (UTF-8), as the .NET tests send them; the SDK would JSON-encode a string body.
const encode = text => Buffer.from(text, "utf8");
const decode = body => (Buffer.isBuffer(body) || body instanceof Uint8Array ? Buffer.from(body).toString("utf8") : JSON.stringify(body));

async function send({ batches }) {
  const producer = new EventHubProducerClient(connectionString, eventHubName, { retryOptions });
  try {
    let sent = 0;
    for (const { partitionKey, partitionId, bodies } of batches) {
      const batch = await producer.createBatch({ partitionKey, partitionId });
      for (const body of bodies) {
        if (!batch.tryAdd({ body: encode(body), properties: { sender: "javascript" } })) {
          throw new Error(`event '${body}' does not fit in the batch`);
        }
      }
      await producer.sendBatch(batch);
      sent += bodies.length;
    }
    return { sent };
  } finally {
    await producer.close();
  }
}

// Reads `count` events from one partition, from the earliest event or from a sequence number (inclusive).
async function read({ partitionId, sequenceNumber, count, consumerGroup = "$Default" }) {
  const consumer = new EventHubConsumerClient(consumerGroup, connectionString, eventHubName, { retryOptions });
  const startPosition = sequenceNumber === undefined ? { sequenceNumber: -1, isInclusive: false } : { sequenceNumber, isInclusive: true };
  const events = [];
  try {
    await new Promise((resolve, reject) => {
      const subscription = consumer.subscribe(
        partitionId,
        {
          processEvents: async received => {
            for (const event of received) {
              events.push({
                body: decode(event.body),
                sequenceNumber: event.sequenceNumber,
                offset: String(event.offset),
                partitionKey: event.partitionKey ?? null,
                sender: event.properties?.sender ?? null,
              });
            }
            if (events.length >= count) {
              await subscription.close();
              resolve();
            }
          },
          processError: async error => {
            await subscription.close();
            reject(error);
          },
        },
        { startPosition, maxBatchSize: 50, maxWaitTimeInSeconds: 1 },
      );
    });
    return { events: events.slice(0, count) };
  } finally {
    await consumer.close();
  }
}

async function properties() {
  const consumer = new EventHubConsumerClient("$Default", connectionString, eventHubName, { retryOptions });
  try {
    const hub = await consumer.getEventHubProperties();
    const partitions = [];
    for (const partitionId of hub.partitionIds) {
      const partition = await consumer.getPartitionProperties(partitionId);
      partitions.push({
        partitionId: partition.partitionId,
        beginningSequenceNumber: partition.beginningSequenceNumber,
        lastEnqueuedSequenceNumber: partition.lastEnqueuedSequenceNumber,
        isEmpty: partition.isEmpty,
      });
    }
    return { name: hub.name, partitionIds: hub.partitionIds, partitions };
  } finally {
    await consumer.close();
  }
}

// A receiver with owner level 1 reads, then one with owner level 2 attaches to the same partition: the first is told it was
// disconnected, the second reads on.
async function ownerLevels({ partitionId }) {
  const first = new EventHubConsumerClient("$Default", connectionString, eventHubName, { retryOptions });
  const second = new EventHubConsumerClient("$Default", connectionString, eventHubName, { retryOptions });
  const earliest = { sequenceNumber: -1, isInclusive: false };
  try {
    let firstAttached;
    const attached = new Promise(resolve => (firstAttached = resolve));
    const firstError = new Promise(resolve => {
      first.subscribe(
        partitionId,
        { processEvents: async () => firstAttached(), processError: async error => resolve(error) },
        { startPosition: earliest, ownerLevel: 1, maxWaitTimeInSeconds: 1 },
      );
    });
    await attached;

    let secondRead = 0;
    const secondReading = new Promise((resolve, reject) => {
      const subscription = second.subscribe(
        partitionId,
        {
          processEvents: async received => {
            secondRead += received.length;
            if (secondRead > 0) {
              await subscription.close();
              resolve();
            }
          },
          processError: async error => reject(error),
        },
        { startPosition: earliest, ownerLevel: 2, maxWaitTimeInSeconds: 1 },
      );
    });
    const [error] = await Promise.all([firstError, secondReading]);
    return { firstReceiver: describeError(error).error, secondRead };
  } finally {
    await Promise.all([first.close(), second.close()]);
  }
}

const commands = { send, read, properties, "owner-levels": ownerLevels };
if (!commands[command]) {
  console.error(`unknown command '${command}'`);
  process.exit(2);
}

const deadline = setTimeout(() => {
  console.error(`'${command}' did not finish within 45 seconds`);
  process.exit(3);
}, 45000);

try {
  console.log(JSON.stringify(await commands[command](args)));
} catch (error) {
  if (rootCause(error)?.code) {
    console.log(JSON.stringify(describeError(error)));
  } else {
    throw error;
  }
} finally {
  clearTimeout(deadline);
}
process.exit(0);
