"""Drives the emulator with the official Python SDK (azure-eventhub, from Debian's python3-azure).

Usage: python3 event_hubs_client.py <command> '<json arguments>' with EVENTHUBS_CONNECTION_STRING, EVENTHUBS_NAME and
EVENTHUBS_CA_FILE (the emulator's TLS certificate: this SDK version speaks AMQP over TLS only) set. Prints one JSON line
with the outcome; an SDK error is printed as {"error": {"name", "message"}} and exits 0, so the test can assert on how the SDK
reported it. Anything else (a bug in this script) exits non-zero.
"""
import json
import os
import sys
import threading

from azure.eventhub import EventData, EventHubConsumerClient, EventHubProducerClient
from azure.eventhub.exceptions import EventHubError

CONNECTION_STRING = os.environ["EVENTHUBS_CONNECTION_STRING"]
EVENT_HUB = os.environ["EVENTHUBS_NAME"]
OPTIONS = {"connection_verify": os.environ["EVENTHUBS_CA_FILE"], "retry_total": 1}


def send(batches):
    producer = EventHubProducerClient.from_connection_string(CONNECTION_STRING, eventhub_name=EVENT_HUB, **OPTIONS)
    sent = 0
    with producer:
        for batch in batches:
            event_batch = producer.create_batch(partition_key=batch.get("partitionKey"), partition_id=batch.get("partitionId"))
            for body in batch["bodies"]:
                event = EventData(body.encode("utf-8"))
                event.properties = {"sender": "python"}
                event_batch.add(event)
            producer.send_batch(event_batch)
            sent += len(batch["bodies"])
    return {"sent": sent}


def read(partitionId, count, sequenceNumber=None):
    """Reads `count` events of one partition from the earliest event, or from a sequence number (inclusive)."""
    consumer = EventHubConsumerClient.from_connection_string(CONNECTION_STRING, "$Default", eventhub_name=EVENT_HUB, **OPTIONS)
    events, done, failures = [], threading.Event(), []

    def on_event_batch(_, batch):
        for event in batch:
            events.append({
                "body": b"".join(event.body).decode("utf-8"),
                "sequenceNumber": event.sequence_number,
                "partitionKey": event.partition_key.decode("utf-8") if isinstance(event.partition_key, bytes) else event.partition_key,
                "sender": (event.properties or {}).get(b"sender", b"").decode("utf-8") or None,
            })
        if len(events) >= count:
            done.set()

    def on_error(_, error):
        failures.append(error)
        done.set()

    position = "-1" if sequenceNumber is None else sequenceNumber
    receiving = threading.Thread(target=consumer.receive_batch, kwargs={
        "on_event_batch": on_event_batch, "on_error": on_error, "partition_id": partitionId,
        "starting_position": position, "starting_position_inclusive": sequenceNumber is not None, "max_wait_time": 1,
    })
    receiving.start()
    finished = done.wait(30)
    consumer.close()
    receiving.join(10)
    if failures:
        raise failures[0]
    if not finished:
        raise TimeoutError(f"only {len(events)} of {count} events arrived")
    return {"events": events[:count]}


def properties():
    consumer = EventHubConsumerClient.from_connection_string(CONNECTION_STRING, "$Default", eventhub_name=EVENT_HUB, **OPTIONS)
    with consumer:
        hub = consumer.get_eventhub_properties()
        partition = consumer.get_partition_properties(hub["partition_ids"][0])
    return {"name": hub["eventhub_name"], "partitionIds": hub["partition_ids"],
            "lastEnqueuedSequenceNumber": partition["last_enqueued_sequence_number"]}


COMMANDS = {"send": send, "read": read, "properties": properties}

if __name__ == "__main__":
    command, arguments = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    try:
        print(json.dumps(COMMANDS[command](**arguments)))
    except EventHubError as error:
        print(json.dumps({"error": {"name": type(error).__name__, "message": str(error)}}))
