"""UDFs of an example PySpark project (see ../README.md)."""
