"""A separate officer's process for the concurrency tests: python worker.py STORE REF NAME N [cancel-at]."""

import sys

from adapters.bootstrap import open_application
from adapters.store import parse_store
from domain.model.errors import Refused
from domain.model.provenance import Recorder


def main() -> None:
    store, ref, name, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    cancel_at = int(sys.argv[5]) if len(sys.argv) > 5 else -1
    app = open_application(parse_store(store))
    officer = Recorder(actor=name)
    for number in range(rounds):
        try:
            if number == cancel_at:
                app.cancel_activity(officer, ref, reason=f"{name} cancels")
                print("cancelled", flush=True)
            else:
                app.correct_activity(officer, ref, {"notes": f"{name}-{number}"}, reason="catatan")
                print("corrected", flush=True)
        except Refused as refusal:
            print(f"refused: {refusal.message}", flush=True)
    app.close()


if __name__ == "__main__":
    main()
