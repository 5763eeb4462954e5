"""The manifest sheet (清单) and its verification.

Canonical content: each row of a covered sheet, header included, as the compact JSON
list of its cell values (export_cells.canonical_value: numbers without float noise,
dates as ISO text, times to the second, trailing empty cells dropped, empty rows
skipped), one line per row, UTF-8, "\\n" after each. A sheet's SHA-256 is over its
lines; the manifest lists, per sheet, its data row count and SHA-256. The workbook's
checksum (last manifest row, key "sha256") is the SHA-256 over the canonical lines
of every manifest row before it, so it covers the metadata (branch, period…) and,
through the per-sheet checksums, every covered cell. Verification reads the
workbook back and recomputes all of it.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InvalidInput, WrongPassword
from app.services.exports.cells import canonical_row
from app.services.exports.templates import KNOWN_SCHEMA_VERSIONS, MANIFEST_TITLE
from app.services.exports.writer import SheetDigest

CHECKSUM_KEY = "sha256"
ROWS_PREFIX = "rows:"
SHEET_SHA_PREFIX = "sha256:"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file is an OLE file
MAX_UNCOMPRESSED = 2 * 1024**3  # refuse zip bombs before openpyxl inflates anything


class ManifestError(InvalidInput):
    """A workbook that cannot be trusted as a Kehu export; the message says why."""

    def __init__(self, source: str, en: str, zh: str):
        super().__init__(f"{source}: {en}", f"{source}：{zh}")
        self.source = source
        self.reason_en = en
        self.reason_zh = zh


def manifest_rows(meta: list[tuple[str, str, object]],
                  sheets: list[tuple[str, SheetDigest]]) -> list[tuple[str, str, object]]:
    """The manifest's rows: `meta` (key, Chinese label, value), per sheet its row count
    and checksum, then the workbook checksum over all of them."""
    rows = list(meta)
    for title, digest in sheets:
        rows.append((f"{ROWS_PREFIX}{title}", f"行数：{title}", digest.rows))
        rows.append((f"{SHEET_SHA_PREFIX}{title}", f"校验：{title}", digest.hexdigest()))
    rows.append((CHECKSUM_KEY, "SHA-256 校验和", workbook_checksum(rows)))
    return rows


def workbook_checksum(rows) -> str:
    sha = hashlib.sha256()
    for row in rows:
        line = canonical_row(row)
        if line is not None:
            sha.update(line.encode("utf-8") + b"\n")
    return sha.hexdigest()


# --- reading a workbook back ---------------------------------------------------------------
def open_workbook(path: Path, password: str | None = None):
    """openpyxl read-only workbook of `path`, decrypted first if it is encrypted."""
    from openpyxl import load_workbook

    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(name, f"cannot be read ({exc.strerror or exc}).",
                            f"无法读取（{exc.strerror or exc}）。") from None
    if data.startswith(OLE_MAGIC):
        data = _decrypt(name, data, password)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED:
                raise ManifestError(name, "is implausibly large when unpacked; refused.",
                                    "解压后大小异常，已拒绝。")
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except ManifestError:
        raise
    except Exception:
        raise ManifestError(name, "is not an Excel workbook (.xlsx) or is damaged.",
                            "不是 Excel 工作簿（.xlsx）或已损坏。") from None


def _decrypt(name: str, data: bytes, password: str | None) -> bytes:
    import msoffcrypto

    if not password:
        raise ManifestError(name, "is password-protected; give its password.",
                            "受密码保护，请提供密码。")
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    out = io.BytesIO()
    try:
        office.load_key(password=password)
        office.decrypt(out)
    except msoffcrypto.exceptions.InvalidKeyError:
        raise WrongPassword(f"{name}: wrong workbook password.",
                            f"{name}：工作簿密码不正确。") from None
    except Exception:
        raise ManifestError(name, "cannot be decrypted (damaged?).",
                            "无法解密（文件可能已损坏）。") from None
    return out.getvalue()


def sheet_rows(wb, title: str):
    """Every row of a sheet as a tuple of values (formulas come back as their text)."""
    return wb[title].iter_rows(values_only=True)


@dataclass
class Manifest:
    fields: dict[str, object] = field(default_factory=dict)
    rows: list[tuple] = field(default_factory=list)

    def get(self, key: str, default=None):
        return self.fields.get(key, default)

    @property
    def sheets(self) -> list[str]:
        return [k[len(SHEET_SHA_PREFIX):] for k in self.fields if k.startswith(SHEET_SHA_PREFIX)]


def read_manifest(wb, source: str) -> Manifest:
    if MANIFEST_TITLE not in wb.sheetnames:
        raise ManifestError(source, "has no manifest sheet (清单): not a Kehu export.",
                            "没有清单工作表：不是客户档案的导出文件。")
    manifest = Manifest()
    for i, row in enumerate(sheet_rows(wb, MANIFEST_TITLE)):
        row = tuple(row[:3]) + (None,) * (3 - len(row[:3]))
        if i == 0 or row[0] is None:
            continue
        manifest.rows.append(row)
        manifest.fields[str(row[0])] = row[2]
    return manifest


def verify_workbook(path: Path, password: str | None = None, wb=None,
                    versions: tuple[str, ...] = KNOWN_SCHEMA_VERSIONS) -> Manifest:
    """Check a Kehu export against its manifest; ManifestError says what is wrong."""
    source = Path(path).name
    wb = wb if wb is not None else open_workbook(Path(path), password)
    manifest = read_manifest(wb, source)
    version = manifest.get("schema_version")
    if version not in versions:
        raise ManifestError(
            source, f"template version {version!r} is not one accepted here "
                    f"({', '.join(versions)}).",
            f"模板版本 {version!r} 不受支持（支持 {'、'.join(versions)}）。")
    claimed = manifest.get(CHECKSUM_KEY)
    if not claimed or manifest.rows[-1][0] != CHECKSUM_KEY:
        raise ManifestError(source, "the manifest has no checksum.", "清单缺少校验和。")
    for title in manifest.sheets:
        if title not in wb.sheetnames:
            raise ManifestError(source, f"sheet {title} is missing.", f"缺少工作表 {title}。")
        digest = SheetDigest()
        for values in sheet_rows(wb, title):
            digest.add(values)
        expected_rows = manifest.get(f"{ROWS_PREFIX}{title}")
        if digest.rows != expected_rows:
            raise ManifestError(
                source, f"sheet {title} has {max(digest.rows, 0)} rows, the manifest says "
                        f"{expected_rows}: rows were removed or added (truncated or edited).",
                f"工作表 {title} 有 {max(digest.rows, 0)} 行，清单记录为 {expected_rows} 行："
                f"行被删除或添加（文件被截断或修改）。")
        if digest.hexdigest() != manifest.get(f"{SHEET_SHA_PREFIX}{title}"):
            raise ManifestError(
                source, f"sheet {title} was changed after export (checksum mismatch).",
                f"工作表 {title} 在导出后被修改（校验和不符）。")
    if workbook_checksum(manifest.rows[:-1]) != claimed:
        raise ManifestError(source, "the manifest itself was changed (checksum mismatch).",
                            "清单本身被修改（校验和不符）。")
    return manifest
