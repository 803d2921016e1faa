"""The pipeline and the acknowledger, with Kafka played by hand: a fake send keeps each batch
and its ``settled`` callback, and the test decides when Kafka answers."""

import unittest

from acknowledger import Acknowledger
from errors import SinkError
from pipeline import ProducePipeline
from produce_batch import produce_batch
from record_batch import BatchLimits, CommitPoint, RecordBatch
from records import SerializedRecord
from timers import Timers


def record(n: int) -> SerializedRecord:
    return SerializedRecord("cdc.public.t", f'{{"id":{n}}}'.encode(), b"{}", {})


class FakeKafka:
    def __init__(self) -> None:
        self.sent: list[tuple[RecordBatch, object]] = []
        self.acknowledged: list[RecordBatch] = []

    def send(self, batch: RecordBatch, settled) -> None:  # type: ignore[no-untyped-def]
        self.sent.append((batch, settled))

    def answer(self, error: Exception | None = None) -> None:
        _, settled = self.sent[len(self.acknowledged)] if error is None else self.sent[-1]
        if error is None:
            self.acknowledged.append(self.sent[len(self.acknowledged)][0])
        settled(error)  # type: ignore[operator]


class PipelineTest(unittest.TestCase):
    def make(self, kafka: FakeKafka, service=lambda seconds: None, limits: BatchLimits = BatchLimits(max_records=3)) -> ProducePipeline:  # type: ignore[no-untyped-def]
        acked: list[RecordBatch] = []
        pipeline = ProducePipeline(kafka.send, acked.append, service, limits)
        pipeline.acked = acked  # type: ignore[attr-defined]
        return pipeline

    def test_one_batch_in_flight_the_rest_gathers_in_the_next(self) -> None:
        kafka = FakeKafka()
        pipeline = self.make(kafka)
        pipeline.add([record(1)])
        pipeline.add([record(2)])
        pipeline.commit(CommitPoint(7, 100))
        self.assertEqual([batch.records for batch, _ in kafka.sent], [1])
        kafka.answer()
        # The acknowledgement sends what filled up meanwhile, commit included.
        self.assertEqual([batch.records for batch, _ in kafka.sent], [1, 1])
        self.assertEqual(kafka.sent[1][0].last_commit, CommitPoint(7, 100))
        self.assertEqual(len(pipeline.acked), 1)  # type: ignore[attr-defined]

    def test_add_waits_for_room_while_a_full_batch_waits(self) -> None:
        kafka = FakeKafka()
        waited: list[float] = []

        def service(seconds: float) -> None:
            waited.append(seconds)
            kafka.answer()

        pipeline = self.make(kafka, service)
        pipeline.add([record(1)])
        pipeline.add([record(2), record(3), record(4)])  # fills the next batch: waits for the first answer
        self.assertEqual(len(waited), 1)
        self.assertEqual(pipeline.unacknowledged, 3)

    def test_a_refused_batch_stops_everything_after_it(self) -> None:
        kafka = FakeKafka()
        pipeline = self.make(kafka)
        pipeline.add([record(1)])
        pipeline.add([record(2)])
        kafka.answer(SinkError("refused"))
        self.assertEqual(len(kafka.sent), 1)
        with self.assertRaises(SinkError):
            pipeline.add([record(3)])

    def test_flush_gives_up_after_its_timeout(self) -> None:
        kafka = FakeKafka()
        pipeline = self.make(kafka)
        pipeline.add([record(1)])
        self.assertFalse(pipeline.flush(0.01))
        kafka.answer()
        self.assertTrue(pipeline.flush(0.01))


class FakeStream:
    def __init__(self) -> None:
        self.confirmed: list[int] = []

    def confirm_flushed_lsn(self, lsn: int) -> None:
        self.confirmed.append(lsn)


def batch_with(records: int, commit: CommitPoint | None) -> RecordBatch:
    batch = RecordBatch()
    for n in range(records):
        batch.add(record(n))
    if commit is not None:
        batch.commit(commit)
    return batch


class AcknowledgerTest(unittest.TestCase):
    def test_confirms_the_end_of_the_last_commit_acknowledged(self) -> None:
        stream, lines = FakeStream(), []
        acknowledger = Acknowledger(stream, 0, lines.append, Timers())
        acknowledger.kafka_acknowledged(batch_with(2, None))
        self.assertEqual(stream.confirmed, [])
        acknowledger.kafka_acknowledged(batch_with(1, CommitPoint(5, 0x200)))
        self.assertEqual(stream.confirmed, [0x200])

    def test_a_delay_holds_the_confirmation_but_not_a_stop(self) -> None:
        stream, timers = FakeStream(), Timers()
        acknowledger = Acknowledger(stream, 60_000, lambda line: None, timers)
        acknowledger.kafka_acknowledged(batch_with(1, CommitPoint(5, 0x300)))
        timers.run_due()
        self.assertEqual(stream.confirmed, [])
        self.assertEqual(acknowledger.confirm_acknowledged_now(), 0x300)
        self.assertEqual(stream.confirmed, [0x300])


class ProduceBatchTest(unittest.TestCase):
    class Producer:
        def __init__(self) -> None:
            self.callbacks: list[object] = []

        def produce(self, topic, value=None, key=None, headers=None, on_delivery=None) -> None:  # type: ignore[no-untyped-def]
            self.callbacks.append(on_delivery)

        def poll(self, timeout: float) -> int:
            return 0

    def test_settles_once_every_record_is_answered(self) -> None:
        producer, outcomes = self.Producer(), []
        produce_batch(producer, batch_with(2, None), outcomes.append)
        self.assertEqual(outcomes, [])
        producer.callbacks[0](None, None)  # type: ignore[operator]
        self.assertEqual(outcomes, [])
        producer.callbacks[1](None, None)  # type: ignore[operator]
        self.assertEqual(outcomes, [None])

    def test_a_commit_only_batch_needs_no_request(self) -> None:
        producer, outcomes = self.Producer(), []
        produce_batch(producer, batch_with(0, CommitPoint(1, 1)), outcomes.append)
        self.assertEqual((producer.callbacks, outcomes), ([], [None]))


if __name__ == "__main__":
    unittest.main()
