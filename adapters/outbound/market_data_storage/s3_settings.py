"""Where the bucket is and how long each of its requests may take."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class S3Settings:
    """Mirrors MINIO_ENDPOINT, MINIO_ACCESS_KEY, MINIO_SECRET_KEY, MINIO_SECURE, MINIO_BUCKET."""

    endpoint: str
    access_key: str | None
    secret_key: str | None = field(repr=False)
    secure: bool = False
    bucket: str = "dukascopy-node"
    region: str = "us-east-1"
    # Connect and read timeout of each S3 request, and tries per request (DuckDB and boto).
    timeout_seconds: float = 5.0
    attempts: int = 2

    @property
    def endpoint_url(self) -> str:
        return f"{'https' if self.secure else 'http'}://{self.endpoint}"
