"""Record-cleaning UDFs, as a data team passes them to rdd.map().

Each function takes one record and returns one record, and touches no file,
socket or SparkContext, so it ships as a self-contained cloudpickle payload
(make_payloads.py pickles this package by value, so the workers need not
install it).
"""

CURRENCY_RATES = {"EUR": 1.0, "USD": 0.92, "GBP": 1.17}


def normalize_name(name):
    """'  ada   LOVELACE ' -> 'Ada Lovelace'."""
    return " ".join([part[:1].upper() + part[1:].lower() for part in name.split()])


def parse_event(line):
    """A CSV line 'user,action,amount,currency' -> (user, ACTION, amount in EUR)."""
    user, action, amount, currency = [f.strip() for f in line.split(",")]
    return (user.lower(), action.upper(), round(float(amount) * CURRENCY_RATES[currency], 2))


def make_bucketer(limits):
    """Returns a UDF that labels an order by the first limit its total is under."""
    labels = sorted(limits.items(), key=lambda kv: kv[1])

    def bucket(order):
        total = sum(item["qty"] * item["price"] for item in order["items"])
        for label, limit in labels:
            if total < limit:
                return {"id": order["id"], "total": total, "bucket": label}
        return {"id": order["id"], "total": total, "bucket": "huge"}

    return bucket


def word_stats(text):
    """The distinct words of a line, lower-cased, with their counts, most frequent first."""
    counts = {}
    for w in text.lower().split():
        w = w.strip(".,;:!?\"'()")
        if w:
            counts[w] = counts.get(w, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
