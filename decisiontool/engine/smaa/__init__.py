"""SMAA-2 (Lahdelma & Salminen 2001): rank acceptability, central weights, confidence.

Scores with an uncertainty range are drawn uniformly in it (or from a triangular distribution
with the score as its mode); scores without a range stay fixed. Weights are drawn in one of
three modes: `free` (no preference information: uniform on the simplex), `around` (the
profile's weights, each group and criterion weight multiplied by a factor in [1 - F, 1 + F])
or `ordinal` (uniform on the simplex subject to the profile's order of importance). The group
structure is kept: group weights and within-group weights are drawn separately and combined
by `effective_weights` (docs/model-format.md#weights). A criterion or group whose profile weight is 0 stays
at 0 in every mode.

Samples are processed in chunks (a Python loop per chunk, never per sample) so that memory
stays bounded for any number of samples. Every sampler makes exactly one `Generator.random`
call of shape (k, draws per sample), so a stream of draws split into chunks is the same as
one drawn at once: results depend on the seed only, never on the chunk size.

PURE: imports numpy and the engine's own modules only; never pydantic, rich, textual or
anything that reads or writes files.
"""

from __future__ import annotations

from decisiontool.engine.smaa.run import Progress, SmaaResult, smaa
from decisiontool.engine.smaa.sampling import (
    DEFAULT_SAMPLES,
    DEFAULT_SPREAD,
    SCORE_DISTRIBUTIONS,
    WEIGHT_MODES,
    ScoreDistribution,
    WeightMode,
    sample_rows,
    sample_scores,
    sample_weights,
)
from decisiontool.engine.smaa.scoring import (
    CHUNK_ARRAY_BYTES,
    CONFIDENCE_ARRAY_BYTES,
    _criterion_parts,
    _one_criterion_models,
    chunk_size,
    smaa_work,
)

__all__ = [
    "CHUNK_ARRAY_BYTES",
    "CONFIDENCE_ARRAY_BYTES",
    "DEFAULT_SAMPLES",
    "DEFAULT_SPREAD",
    "SCORE_DISTRIBUTIONS",
    "WEIGHT_MODES",
    "Progress",
    "ScoreDistribution",
    "SmaaResult",
    "WeightMode",
    "_criterion_parts",
    "_one_criterion_models",
    "chunk_size",
    "sample_rows",
    "sample_scores",
    "sample_weights",
    "smaa",
    "smaa_work",
]
