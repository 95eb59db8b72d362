"""The offices whose officers answer handed-off conversations, with their names and hours.

One office, "Bộ phận một cửa" on the default hours, unless a YAML file lists them::

    - id: ubnd-ben-nghe
      name: Bộ phận một cửa UBND phường Bến Nghé
      hours: "mon-fri 07:30-11:30 13:30-17:00; sat 07:30-11:30"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handoff.office_hours import OfficeHours

DEFAULT_OFFICE_ID = "mot-cua"


@dataclass(frozen=True)
class Office:
    id: str
    name: str = "Bộ phận một cửa"
    hours: OfficeHours = field(default_factory=OfficeHours)


def load_offices(path: Path | None) -> dict[str, Office]:
    """Offices by id, the first one being where new conversations go."""
    if path is None:
        return {DEFAULT_OFFICE_ID: Office(DEFAULT_OFFICE_ID)}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{path}: expected a list of offices (id, name, hours)")
    offices = {}
    for entry in entries:
        office_id = str(entry.get("id") or "").strip()
        if not office_id:
            raise ValueError(f"{path}: every office needs an id")
        hours = OfficeHours.parse(entry["hours"]) if entry.get("hours") else OfficeHours()
        offices[office_id] = Office(office_id, str(entry.get("name") or office_id), hours)
    return offices
