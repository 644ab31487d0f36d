"""The version of the extraction pipeline, part of every cache key.

Bump ``PIPELINE_VERSION`` whenever a change to ``nlp/`` changes what ``nlp.extract`` returns for the same text:
cached extractions made by the old pipeline then miss, and articles are extracted again by the new one.
"""

PIPELINE_VERSION = "1"
