"""`alongside directory match "TEXT" [--age N] [--limit 10] [--json]` and
`alongside directory match --queries FILE [--json]`: what matching suggests, from the command
line. FILE holds JSON lines {"qid", "text", "age"}; one answer line per query, in one process
(the model is loaded once). ADR 24."""

import json

from django.core.management.base import CommandError

from alongside.directory.matching import NO_MATCH_WORDS, match


def add_arguments(sub) -> None:
    matches = sub.add_parser("match", help="Suggest services for what someone said")
    matches.add_argument("text", nargs="?", help="what the person said, in their words")
    matches.add_argument("--queries", metavar="FILE", help="JSON lines of {qid, text, age}")
    matches.add_argument("--age", type=int, help="the person's age")
    matches.add_argument("--limit", type=int, default=10, help="at most this many (1 to 100)")
    matches.add_argument("--json", action="store_true", help="answer in JSON")


def handle(command, options: dict) -> None:
    text, path = options.get("text"), options.get("queries")
    if bool(text) == bool(path):
        raise CommandError(
            'Give the words to match ("I love singing") or --queries FILE, not both.'
        )
    limit = options["limit"]
    if not 1 <= limit <= 100:
        raise CommandError("--limit must be a whole number from 1 to 100.")
    one = {"qid": None, "text": text, "age": _age(options.get("age"), "--age")}
    queries = read_queries(path) if path else [one]
    for query in queries:
        result = match(query["text"], age=query["age"], limit=limit)
        answer = {
            "no_match": result.no_match,
            "results": [
                {
                    "id": m.service.feed_id,
                    "name": m.service.name,
                    "score": m.score,
                    "reason": m.reason,
                }
                for m in result.results
            ],
        }
        if path:
            answer = {"qid": query["qid"], **answer}
        if options["json"]:
            command.stdout.write(json.dumps(answer, ensure_ascii=False))
        else:
            _write_listing(command, query, answer)


def read_queries(path: str) -> list[dict]:
    """Every line checked before any is answered: a mistake names its line."""
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text.") from error
    queries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} line {number}: not JSON ({error.msg}).") from error
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("text"), str)
            or not row["text"].strip()
        ):
            raise CommandError(f'{path} line {number}: needs "text", the words to match.')
        queries.append(
            {
                "qid": row.get("qid"),
                "text": row["text"],
                "age": _age(row.get("age"), f"line {number}"),
            }
        )
    return queries


def _age(value, where: str):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
        raise CommandError(f"{where}: the age must be a whole number from 0 to 120.")
    return value


def _write_listing(command, query: dict, answer: dict) -> None:
    if query["qid"] is not None:
        command.stdout.write(f"{query['qid']}: {query['text']}")
    if answer["no_match"]:
        command.stdout.write(f"  {NO_MATCH_WORDS}.")  # lazy text, made a string here
    for n, row in enumerate(answer["results"], start=1):
        command.stdout.write(f"{n:>3}. {row['name']} ({row['score']:.2f}, id {row['id']})")
        command.stdout.write(f"     {row['reason']}")
