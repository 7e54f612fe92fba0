"""The simulated watch: identity, folder layout, file names and the GarminDevice.xml manifest."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

MANUFACTURER = "garmin"
PRODUCT = 4315  # fr965 in the FIT profile's garmin_product type
PRODUCT_NAME = "Forerunner 965"
PART_NUMBER = "006-B4315-00"
SERIAL_NUMBER = 3_412_345_678  # fixed, invented; real FR965 serials are 10 digits too
SOFTWARE_VERSION = 2506  # file_creator.software_version; device_info shows 25.06
WHR_SOFTWARE_VERSION = 6.02  # the wrist heart-rate sensor's firmware (device_info index 1)

# FIT file_id.type values used by a watch (the last two are not named in the public profile)
FILE_TYPE_ACTIVITY = "activity"  # 4
FILE_TYPE_MONITORING = "monitoring_b"  # 32
FILE_TYPE_SLEEP = 49
FILE_TYPE_HRV_STATUS = 68

GARMIN_DIR = "GARMIN"
ACTIVITY_DIR = f"{GARMIN_DIR}/Activity"
MONITOR_DIR = f"{GARMIN_DIR}/Monitor"
SLEEP_DIR = f"{GARMIN_DIR}/Sleep"
HRV_DIR = f"{GARMIN_DIR}/HRVStatus"
MANIFEST = f"{GARMIN_DIR}/GarminDevice.xml"


def activity_name(start_utc: datetime, tz: ZoneInfo) -> str:
    """Modern Garmin activity file name: the local start time, ``2026-05-04-06-41-09.fit``."""
    return f"{start_utc.astimezone(tz):%Y-%m-%d-%H-%M-%S}.fit"


def monitor_name(local_date: date) -> str:
    """Name of a day's monitoring file (one file per local day)."""
    return f"{local_date:%Y-%m-%d}.FIT"


def manifest_xml() -> str:
    """A GarminDevice.xml like the one a watch keeps in GARMIN/, naming the FIT folders."""
    data_types = (
        ("FIT_TYPE_4", "Activity", ACTIVITY_DIR, "fit"),
        ("FIT_TYPE_32", "Monitor", MONITOR_DIR, "FIT"),
        ("FIT_TYPE_49", "Sleep", SLEEP_DIR, "fit"),
        ("FIT_TYPE_68", "HRVStatus", HRV_DIR, "fit"),
    )
    entries = "\n".join(
        f"""      <DataType>
        <Name>{name}</Name>
        <File>
          <Specification>
            <Identifier>http://www.garmin.com/xmlschemas/FIT</Identifier>
          </Specification>
          <Location>
            <Path>{path}</Path>
            <FileExtension>{ext}</FileExtension>
          </Location>
          <TransferDirection>OutputFromUnit</TransferDirection>
        </File>
      </DataType>
      <!-- {label} -->"""
        for name, label, path, ext in data_types
    )
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2">
  <Model>
    <PartNumber>{PART_NUMBER}</PartNumber>
    <SoftwareVersion>{SOFTWARE_VERSION}</SoftwareVersion>
    <Description>{PRODUCT_NAME}</Description>
  </Model>
  <Id>{SERIAL_NUMBER}</Id>
  <MassStorageMode>
{entries}
  </MassStorageMode>
</Device>
"""
