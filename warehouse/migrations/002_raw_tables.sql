-- 002: raw tables, one per FIT message type, as decoded (rendered from
-- runlift_sync/fit/tables.py by `python -m runlift_sync.fit.ddl`).
-- Keys: (athlete, file_sha256, msg_index); fit_files holds the file.

CREATE TABLE raw_file_id (
    athlete          VARCHAR,
    file_sha256      VARCHAR,
    msg_index        INTEGER,
    file_type        VARCHAR,
    manufacturer     VARCHAR,
    product_name     VARCHAR,
    serial_number    BIGINT,
    time_created_utc TIMESTAMP,
    number           INTEGER,
    extra            JSON,
    developer        JSON
);
COMMENT ON TABLE raw_file_id IS 'Which device wrote the file, when, and what kind of file it is.';
COMMENT ON COLUMN raw_file_id.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_file_id.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_file_id.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_file_id.file_type IS 'FIT field type';
COMMENT ON COLUMN raw_file_id.manufacturer IS 'FIT field manufacturer';
COMMENT ON COLUMN raw_file_id.product_name IS 'FIT field product_name, garmin_product, favero_product, product';
COMMENT ON COLUMN raw_file_id.serial_number IS 'FIT field serial_number';
COMMENT ON COLUMN raw_file_id.time_created_utc IS 'UTC; FIT field time_created';
COMMENT ON COLUMN raw_file_id.number IS 'FIT field number';
COMMENT ON COLUMN raw_file_id.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_file_id.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_file_creator (
    athlete          VARCHAR,
    file_sha256      VARCHAR,
    msg_index        INTEGER,
    software_version INTEGER,
    hardware_version INTEGER,
    extra            JSON,
    developer        JSON
);
COMMENT ON TABLE raw_file_creator IS 'Software that wrote the file.';
COMMENT ON COLUMN raw_file_creator.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_file_creator.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_file_creator.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_file_creator.software_version IS 'FIT field software_version';
COMMENT ON COLUMN raw_file_creator.hardware_version IS 'FIT field hardware_version';
COMMENT ON COLUMN raw_file_creator.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_file_creator.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_device_info (
    athlete              VARCHAR,
    file_sha256          VARCHAR,
    msg_index            INTEGER,
    timestamp_utc        TIMESTAMP,
    device_index         VARCHAR,
    device_type          VARCHAR,
    manufacturer         VARCHAR,
    product_name         VARCHAR,
    serial_number        BIGINT,
    software_version     DOUBLE,
    hardware_version     INTEGER,
    battery_voltage_v    DOUBLE,
    battery_status       VARCHAR,
    source_type          VARCHAR,
    descriptor           VARCHAR,
    cum_operating_time_s DOUBLE,
    extra                JSON,
    developer            JSON
);
COMMENT ON TABLE raw_device_info IS 'The recording device and its sensors (one row per device per report).';
COMMENT ON COLUMN raw_device_info.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_device_info.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_device_info.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_device_info.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_device_info.device_index IS 'FIT field device_index';
COMMENT ON COLUMN raw_device_info.device_type IS 'FIT field antplus_device_type, ble_device_type, local_device_type, device_type';
COMMENT ON COLUMN raw_device_info.manufacturer IS 'FIT field manufacturer';
COMMENT ON COLUMN raw_device_info.product_name IS 'FIT field product_name, garmin_product, favero_product, product';
COMMENT ON COLUMN raw_device_info.serial_number IS 'FIT field serial_number';
COMMENT ON COLUMN raw_device_info.software_version IS 'FIT field software_version';
COMMENT ON COLUMN raw_device_info.hardware_version IS 'FIT field hardware_version';
COMMENT ON COLUMN raw_device_info.battery_voltage_v IS 'FIT field battery_voltage';
COMMENT ON COLUMN raw_device_info.battery_status IS 'FIT field battery_status';
COMMENT ON COLUMN raw_device_info.source_type IS 'FIT field source_type';
COMMENT ON COLUMN raw_device_info.descriptor IS 'FIT field descriptor';
COMMENT ON COLUMN raw_device_info.cum_operating_time_s IS 'FIT field cum_operating_time';
COMMENT ON COLUMN raw_device_info.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_device_info.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_activity (
    athlete         VARCHAR,
    file_sha256     VARCHAR,
    msg_index       INTEGER,
    timestamp_utc   TIMESTAMP,
    local_timestamp TIMESTAMP,
    utc_offset_s    INTEGER,
    total_timer_s   DOUBLE,
    num_sessions    INTEGER,
    activity_type   VARCHAR,
    event           VARCHAR,
    event_type      VARCHAR,
    extra           JSON,
    developer       JSON
);
COMMENT ON TABLE raw_activity IS 'The activity as a whole; its local_timestamp gives the athlete''s time offset.';
COMMENT ON COLUMN raw_activity.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_activity.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_activity.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_activity.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_activity.local_timestamp IS 'local wall-clock time of `timestamp_utc`; FIT field local_timestamp';
COMMENT ON COLUMN raw_activity.utc_offset_s IS 'local time minus UTC, seconds (from local_timestamp); derived while decoding';
COMMENT ON COLUMN raw_activity.total_timer_s IS 'FIT field total_timer_time';
COMMENT ON COLUMN raw_activity.num_sessions IS 'FIT field num_sessions';
COMMENT ON COLUMN raw_activity.activity_type IS 'FIT field type';
COMMENT ON COLUMN raw_activity.event IS 'FIT field event';
COMMENT ON COLUMN raw_activity.event_type IS 'FIT field event_type';
COMMENT ON COLUMN raw_activity.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_activity.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_sport (
    athlete     VARCHAR,
    file_sha256 VARCHAR,
    msg_index   INTEGER,
    sport       VARCHAR,
    sub_sport   VARCHAR,
    name        VARCHAR,
    extra       JSON,
    developer   JSON
);
COMMENT ON TABLE raw_sport IS 'The sport profile the activity was recorded with.';
COMMENT ON COLUMN raw_sport.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_sport.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_sport.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_sport.sport IS 'FIT field sport';
COMMENT ON COLUMN raw_sport.sub_sport IS 'FIT field sub_sport';
COMMENT ON COLUMN raw_sport.name IS 'FIT field name';
COMMENT ON COLUMN raw_sport.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_sport.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_session (
    athlete                         VARCHAR,
    file_sha256                     VARCHAR,
    msg_index                       INTEGER,
    timestamp_utc                   TIMESTAMP,
    start_time_utc                  TIMESTAMP,
    total_elapsed_s                 DOUBLE,
    total_timer_s                   DOUBLE,
    total_distance_m                DOUBLE,
    total_calories_kcal             DOUBLE,
    avg_speed_mps                   DOUBLE,
    max_speed_mps                   DOUBLE,
    avg_hr                          INTEGER,
    max_hr                          INTEGER,
    min_hr                          INTEGER,
    avg_cadence                     DOUBLE,
    max_cadence                     DOUBLE,
    avg_power_w                     DOUBLE,
    max_power_w                     DOUBLE,
    normalized_power_w              DOUBLE,
    total_ascent_m                  DOUBLE,
    total_descent_m                 DOUBLE,
    start_lat_deg                   DOUBLE,
    start_lon_deg                   DOUBLE,
    sport                           VARCHAR,
    sub_sport                       VARCHAR,
    event                           VARCHAR,
    event_type                      VARCHAR,
    message_index                   INTEGER,
    sport_profile_name              VARCHAR,
    num_laps                        INTEGER,
    first_lap_index                 INTEGER,
    total_training_effect           DOUBLE,
    total_anaerobic_training_effect DOUBLE,
    training_load_peak              DOUBLE,
    training_stress_score           DOUBLE,
    total_work_j                    DOUBLE,
    avg_temperature_c               DOUBLE,
    trigger                         VARCHAR,
    extra                           JSON,
    developer                       JSON
);
COMMENT ON TABLE raw_session IS 'One row per session (a multisport file has several).';
COMMENT ON COLUMN raw_session.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_session.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_session.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_session.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_session.start_time_utc IS 'UTC; FIT field start_time';
COMMENT ON COLUMN raw_session.total_elapsed_s IS 'FIT field total_elapsed_time';
COMMENT ON COLUMN raw_session.total_timer_s IS 'FIT field total_timer_time';
COMMENT ON COLUMN raw_session.total_distance_m IS 'FIT field total_distance';
COMMENT ON COLUMN raw_session.total_calories_kcal IS 'FIT field total_calories';
COMMENT ON COLUMN raw_session.avg_speed_mps IS 'FIT field enhanced_avg_speed, avg_speed';
COMMENT ON COLUMN raw_session.max_speed_mps IS 'FIT field enhanced_max_speed, max_speed';
COMMENT ON COLUMN raw_session.avg_hr IS 'FIT field avg_heart_rate';
COMMENT ON COLUMN raw_session.max_hr IS 'FIT field max_heart_rate';
COMMENT ON COLUMN raw_session.min_hr IS 'FIT field min_heart_rate';
COMMENT ON COLUMN raw_session.avg_cadence IS 'FIT field avg_running_cadence, avg_cadence';
COMMENT ON COLUMN raw_session.max_cadence IS 'FIT field max_running_cadence, max_cadence';
COMMENT ON COLUMN raw_session.avg_power_w IS 'FIT field avg_power';
COMMENT ON COLUMN raw_session.max_power_w IS 'FIT field max_power';
COMMENT ON COLUMN raw_session.normalized_power_w IS 'FIT field normalized_power';
COMMENT ON COLUMN raw_session.total_ascent_m IS 'FIT field total_ascent';
COMMENT ON COLUMN raw_session.total_descent_m IS 'FIT field total_descent';
COMMENT ON COLUMN raw_session.start_lat_deg IS 'degrees (WGS84), from semicircles; FIT field start_position_lat';
COMMENT ON COLUMN raw_session.start_lon_deg IS 'degrees (WGS84), from semicircles; FIT field start_position_long';
COMMENT ON COLUMN raw_session.sport IS 'FIT field sport';
COMMENT ON COLUMN raw_session.sub_sport IS 'FIT field sub_sport';
COMMENT ON COLUMN raw_session.event IS 'FIT field event';
COMMENT ON COLUMN raw_session.event_type IS 'FIT field event_type';
COMMENT ON COLUMN raw_session.message_index IS 'FIT field message_index';
COMMENT ON COLUMN raw_session.sport_profile_name IS 'FIT field sport_profile_name';
COMMENT ON COLUMN raw_session.num_laps IS 'FIT field num_laps';
COMMENT ON COLUMN raw_session.first_lap_index IS 'FIT field first_lap_index';
COMMENT ON COLUMN raw_session.total_training_effect IS 'FIT field total_training_effect';
COMMENT ON COLUMN raw_session.total_anaerobic_training_effect IS 'FIT field total_anaerobic_training_effect';
COMMENT ON COLUMN raw_session.training_load_peak IS 'FIT field training_load_peak';
COMMENT ON COLUMN raw_session.training_stress_score IS 'FIT field training_stress_score';
COMMENT ON COLUMN raw_session.total_work_j IS 'FIT field total_work';
COMMENT ON COLUMN raw_session.avg_temperature_c IS 'FIT field avg_temperature';
COMMENT ON COLUMN raw_session.trigger IS 'FIT field trigger';
COMMENT ON COLUMN raw_session.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_session.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_lap (
    athlete             VARCHAR,
    file_sha256         VARCHAR,
    msg_index           INTEGER,
    timestamp_utc       TIMESTAMP,
    start_time_utc      TIMESTAMP,
    total_elapsed_s     DOUBLE,
    total_timer_s       DOUBLE,
    total_distance_m    DOUBLE,
    total_calories_kcal DOUBLE,
    avg_speed_mps       DOUBLE,
    max_speed_mps       DOUBLE,
    avg_hr              INTEGER,
    max_hr              INTEGER,
    min_hr              INTEGER,
    avg_cadence         DOUBLE,
    max_cadence         DOUBLE,
    avg_power_w         DOUBLE,
    max_power_w         DOUBLE,
    normalized_power_w  DOUBLE,
    total_ascent_m      DOUBLE,
    total_descent_m     DOUBLE,
    start_lat_deg       DOUBLE,
    start_lon_deg       DOUBLE,
    sport               VARCHAR,
    sub_sport           VARCHAR,
    event               VARCHAR,
    event_type          VARCHAR,
    message_index       INTEGER,
    end_lat_deg         DOUBLE,
    end_lon_deg         DOUBLE,
    intensity           VARCHAR,
    lap_trigger         VARCHAR,
    wkt_step_index      INTEGER,
    extra               JSON,
    developer           JSON
);
COMMENT ON TABLE raw_lap IS 'One row per lap; `intensity` (active/rest/warmup/cooldown…) marks structured work.';
COMMENT ON COLUMN raw_lap.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_lap.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_lap.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_lap.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_lap.start_time_utc IS 'UTC; FIT field start_time';
COMMENT ON COLUMN raw_lap.total_elapsed_s IS 'FIT field total_elapsed_time';
COMMENT ON COLUMN raw_lap.total_timer_s IS 'FIT field total_timer_time';
COMMENT ON COLUMN raw_lap.total_distance_m IS 'FIT field total_distance';
COMMENT ON COLUMN raw_lap.total_calories_kcal IS 'FIT field total_calories';
COMMENT ON COLUMN raw_lap.avg_speed_mps IS 'FIT field enhanced_avg_speed, avg_speed';
COMMENT ON COLUMN raw_lap.max_speed_mps IS 'FIT field enhanced_max_speed, max_speed';
COMMENT ON COLUMN raw_lap.avg_hr IS 'FIT field avg_heart_rate';
COMMENT ON COLUMN raw_lap.max_hr IS 'FIT field max_heart_rate';
COMMENT ON COLUMN raw_lap.min_hr IS 'FIT field min_heart_rate';
COMMENT ON COLUMN raw_lap.avg_cadence IS 'FIT field avg_running_cadence, avg_cadence';
COMMENT ON COLUMN raw_lap.max_cadence IS 'FIT field max_running_cadence, max_cadence';
COMMENT ON COLUMN raw_lap.avg_power_w IS 'FIT field avg_power';
COMMENT ON COLUMN raw_lap.max_power_w IS 'FIT field max_power';
COMMENT ON COLUMN raw_lap.normalized_power_w IS 'FIT field normalized_power';
COMMENT ON COLUMN raw_lap.total_ascent_m IS 'FIT field total_ascent';
COMMENT ON COLUMN raw_lap.total_descent_m IS 'FIT field total_descent';
COMMENT ON COLUMN raw_lap.start_lat_deg IS 'degrees (WGS84), from semicircles; FIT field start_position_lat';
COMMENT ON COLUMN raw_lap.start_lon_deg IS 'degrees (WGS84), from semicircles; FIT field start_position_long';
COMMENT ON COLUMN raw_lap.sport IS 'FIT field sport';
COMMENT ON COLUMN raw_lap.sub_sport IS 'FIT field sub_sport';
COMMENT ON COLUMN raw_lap.event IS 'FIT field event';
COMMENT ON COLUMN raw_lap.event_type IS 'FIT field event_type';
COMMENT ON COLUMN raw_lap.message_index IS 'FIT field message_index';
COMMENT ON COLUMN raw_lap.end_lat_deg IS 'degrees (WGS84), from semicircles; FIT field end_position_lat';
COMMENT ON COLUMN raw_lap.end_lon_deg IS 'degrees (WGS84), from semicircles; FIT field end_position_long';
COMMENT ON COLUMN raw_lap.intensity IS 'FIT field intensity';
COMMENT ON COLUMN raw_lap.lap_trigger IS 'FIT field lap_trigger';
COMMENT ON COLUMN raw_lap.wkt_step_index IS 'FIT field wkt_step_index';
COMMENT ON COLUMN raw_lap.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_lap.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_record (
    athlete                 VARCHAR,
    file_sha256             VARCHAR,
    msg_index               INTEGER,
    timestamp_utc           TIMESTAMP,
    lat_deg                 DOUBLE,
    lon_deg                 DOUBLE,
    distance_m              DOUBLE,
    speed_mps               DOUBLE,
    altitude_m              DOUBLE,
    heart_rate              INTEGER,
    cadence                 INTEGER,
    fractional_cadence      DOUBLE,
    power_w                 DOUBLE,
    temperature_c           DOUBLE,
    vertical_oscillation_mm DOUBLE,
    stance_time_ms          DOUBLE,
    step_length_mm          DOUBLE,
    grade_pct               DOUBLE,
    respiration_rate        DOUBLE,
    extra                   JSON,
    developer               JSON
);
COMMENT ON TABLE raw_record IS 'The sample stream: one row per record message.';
COMMENT ON COLUMN raw_record.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_record.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_record.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_record.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_record.lat_deg IS 'degrees (WGS84), from semicircles; FIT field position_lat';
COMMENT ON COLUMN raw_record.lon_deg IS 'degrees (WGS84), from semicircles; FIT field position_long';
COMMENT ON COLUMN raw_record.distance_m IS 'FIT field distance';
COMMENT ON COLUMN raw_record.speed_mps IS 'FIT field enhanced_speed, speed';
COMMENT ON COLUMN raw_record.altitude_m IS 'FIT field enhanced_altitude, altitude';
COMMENT ON COLUMN raw_record.heart_rate IS 'bpm; FIT field heart_rate';
COMMENT ON COLUMN raw_record.cadence IS 'rpm, or steps per minute per leg when running; FIT field cadence';
COMMENT ON COLUMN raw_record.fractional_cadence IS 'FIT field fractional_cadence';
COMMENT ON COLUMN raw_record.power_w IS 'FIT field power';
COMMENT ON COLUMN raw_record.temperature_c IS 'FIT field temperature';
COMMENT ON COLUMN raw_record.vertical_oscillation_mm IS 'FIT field vertical_oscillation';
COMMENT ON COLUMN raw_record.stance_time_ms IS 'FIT field stance_time';
COMMENT ON COLUMN raw_record.step_length_mm IS 'FIT field step_length';
COMMENT ON COLUMN raw_record.grade_pct IS 'FIT field grade';
COMMENT ON COLUMN raw_record.respiration_rate IS 'FIT field enhanced_respiration_rate, respiration_rate';
COMMENT ON COLUMN raw_record.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_record.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_event (
    athlete       VARCHAR,
    file_sha256   VARCHAR,
    msg_index     INTEGER,
    timestamp_utc TIMESTAMP,
    event         VARCHAR,
    event_type    VARCHAR,
    data          BIGINT,
    timer_trigger VARCHAR,
    event_group   INTEGER,
    extra         JSON,
    developer     JSON
);
COMMENT ON TABLE raw_event IS 'Timer start/stop, laps, markers and other events.';
COMMENT ON COLUMN raw_event.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_event.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_event.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_event.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_event.event IS 'FIT field event';
COMMENT ON COLUMN raw_event.event_type IS 'FIT field event_type';
COMMENT ON COLUMN raw_event.data IS 'FIT field data';
COMMENT ON COLUMN raw_event.timer_trigger IS 'FIT field timer_trigger';
COMMENT ON COLUMN raw_event.event_group IS 'FIT field event_group';
COMMENT ON COLUMN raw_event.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_event.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_set (
    athlete             VARCHAR,
    file_sha256         VARCHAR,
    msg_index           INTEGER,
    timestamp_utc       TIMESTAMP,
    start_time_utc      TIMESTAMP,
    duration_s          DOUBLE,
    repetitions         INTEGER,
    weight_kg           DOUBLE,
    set_type            VARCHAR,
    categories          VARCHAR[],
    category_subtypes   INTEGER[],
    category            VARCHAR,
    exercise_names      VARCHAR[],
    exercise_name       VARCHAR,
    message_index       INTEGER,
    wkt_step_index      INTEGER,
    weight_display_unit VARCHAR,
    extra               JSON,
    developer           JSON
);
COMMENT ON TABLE raw_set IS 'Strength-training sets as the watch recorded them.';
COMMENT ON COLUMN raw_set.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_set.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_set.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_set.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_set.start_time_utc IS 'UTC; FIT field start_time';
COMMENT ON COLUMN raw_set.duration_s IS 'FIT field duration';
COMMENT ON COLUMN raw_set.repetitions IS 'FIT field repetitions';
COMMENT ON COLUMN raw_set.weight_kg IS 'FIT field weight';
COMMENT ON COLUMN raw_set.set_type IS 'active or rest; FIT field set_type';
COMMENT ON COLUMN raw_set.categories IS 'FIT exercise categories (''unknown''); FIT field category';
COMMENT ON COLUMN raw_set.category_subtypes IS 'FIT field category_subtype';
COMMENT ON COLUMN raw_set.category IS 'first known category; derived while decoding';
COMMENT ON COLUMN raw_set.exercise_names IS 'derived while decoding';
COMMENT ON COLUMN raw_set.exercise_name IS 'first known name; derived while decoding';
COMMENT ON COLUMN raw_set.message_index IS 'FIT field message_index';
COMMENT ON COLUMN raw_set.wkt_step_index IS 'FIT field wkt_step_index';
COMMENT ON COLUMN raw_set.weight_display_unit IS 'FIT field weight_display_unit';
COMMENT ON COLUMN raw_set.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_set.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_hrv (
    athlete            VARCHAR,
    file_sha256        VARCHAR,
    msg_index          INTEGER,
    rr_s               DOUBLE[],
    near_timestamp_utc TIMESTAMP,
    extra              JSON,
    developer          JSON
);
COMMENT ON TABLE raw_hrv IS 'Beat-to-beat intervals recorded during an activity.';
COMMENT ON COLUMN raw_hrv.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_hrv.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_hrv.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_hrv.rr_s IS 'beat-to-beat (RR) intervals, seconds; FIT field time';
COMMENT ON COLUMN raw_hrv.near_timestamp_utc IS 'last full timestamp before this message (hrv has none of its own); derived while decoding';
COMMENT ON COLUMN raw_hrv.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_hrv.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_monitoring (
    athlete               VARCHAR,
    file_sha256           VARCHAR,
    msg_index             INTEGER,
    timestamp_utc         TIMESTAMP,
    local_timestamp       TIMESTAMP,
    activity_type         VARCHAR,
    activity_subtype      VARCHAR,
    activity_level        VARCHAR,
    intensity             DOUBLE,
    steps                 BIGINT,
    cycles                DOUBLE,
    distance_m            DOUBLE,
    active_time_s         DOUBLE,
    active_calories_kcal  DOUBLE,
    calories_kcal         DOUBLE,
    heart_rate            INTEGER,
    duration_min          DOUBLE,
    moderate_activity_min DOUBLE,
    vigorous_activity_min DOUBLE,
    ascent_m              DOUBLE,
    descent_m             DOUBLE,
    temperature_c         DOUBLE,
    extra                 JSON,
    developer             JSON
);
COMMENT ON TABLE raw_monitoring IS 'All-day monitoring samples (steps, heart rate, activity).';
COMMENT ON COLUMN raw_monitoring.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_monitoring.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_monitoring.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_monitoring.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_monitoring.local_timestamp IS 'FIT field local_timestamp';
COMMENT ON COLUMN raw_monitoring.activity_type IS 'FIT field activity_type';
COMMENT ON COLUMN raw_monitoring.activity_subtype IS 'FIT field activity_subtype';
COMMENT ON COLUMN raw_monitoring.activity_level IS 'FIT field activity_level';
COMMENT ON COLUMN raw_monitoring.intensity IS 'FIT field intensity';
COMMENT ON COLUMN raw_monitoring.steps IS 'FIT field steps';
COMMENT ON COLUMN raw_monitoring.cycles IS 'FIT field cycles';
COMMENT ON COLUMN raw_monitoring.distance_m IS 'FIT field distance';
COMMENT ON COLUMN raw_monitoring.active_time_s IS 'FIT field active_time';
COMMENT ON COLUMN raw_monitoring.active_calories_kcal IS 'FIT field active_calories';
COMMENT ON COLUMN raw_monitoring.calories_kcal IS 'FIT field calories';
COMMENT ON COLUMN raw_monitoring.heart_rate IS 'FIT field heart_rate';
COMMENT ON COLUMN raw_monitoring.duration_min IS 'FIT field duration_min';
COMMENT ON COLUMN raw_monitoring.moderate_activity_min IS 'FIT field moderate_activity_minutes';
COMMENT ON COLUMN raw_monitoring.vigorous_activity_min IS 'FIT field vigorous_activity_minutes';
COMMENT ON COLUMN raw_monitoring.ascent_m IS 'FIT field ascent';
COMMENT ON COLUMN raw_monitoring.descent_m IS 'FIT field descent';
COMMENT ON COLUMN raw_monitoring.temperature_c IS 'FIT field temperature';
COMMENT ON COLUMN raw_monitoring.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_monitoring.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_monitoring_info (
    athlete                     VARCHAR,
    file_sha256                 VARCHAR,
    msg_index                   INTEGER,
    timestamp_utc               TIMESTAMP,
    local_timestamp             TIMESTAMP,
    utc_offset_s                INTEGER,
    resting_metabolic_rate_kcal DOUBLE,
    extra                       JSON,
    developer                   JSON
);
COMMENT ON TABLE raw_monitoring_info IS 'Header of a monitoring file (its local time gives the time zone).';
COMMENT ON COLUMN raw_monitoring_info.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_monitoring_info.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_monitoring_info.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_monitoring_info.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_monitoring_info.local_timestamp IS 'FIT field local_timestamp';
COMMENT ON COLUMN raw_monitoring_info.utc_offset_s IS 'derived while decoding';
COMMENT ON COLUMN raw_monitoring_info.resting_metabolic_rate_kcal IS 'FIT field resting_metabolic_rate';
COMMENT ON COLUMN raw_monitoring_info.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_monitoring_info.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_monitoring_hr_data (
    athlete                        VARCHAR,
    file_sha256                    VARCHAR,
    msg_index                      INTEGER,
    timestamp_utc                  TIMESTAMP,
    resting_heart_rate             INTEGER,
    current_day_resting_heart_rate INTEGER,
    extra                          JSON,
    developer                      JSON
);
COMMENT ON TABLE raw_monitoring_hr_data IS 'Daily resting heart rate from a monitoring file.';
COMMENT ON COLUMN raw_monitoring_hr_data.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_monitoring_hr_data.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_monitoring_hr_data.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_monitoring_hr_data.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_monitoring_hr_data.resting_heart_rate IS 'bpm, rolling (7-day) as the watch reports it; FIT field resting_heart_rate';
COMMENT ON COLUMN raw_monitoring_hr_data.current_day_resting_heart_rate IS 'bpm, this day; FIT field current_day_resting_heart_rate';
COMMENT ON COLUMN raw_monitoring_hr_data.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_monitoring_hr_data.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_hrv_status_summary (
    athlete                    VARCHAR,
    file_sha256                VARCHAR,
    msg_index                  INTEGER,
    timestamp_utc              TIMESTAMP,
    weekly_average_ms          DOUBLE,
    last_night_average_ms      DOUBLE,
    last_night_5_min_high_ms   DOUBLE,
    baseline_low_upper_ms      DOUBLE,
    baseline_balanced_lower_ms DOUBLE,
    baseline_balanced_upper_ms DOUBLE,
    status                     VARCHAR,
    extra                      JSON,
    developer                  JSON
);
COMMENT ON TABLE raw_hrv_status_summary IS 'Nightly HRV status (RMSSD) as the watch summarises it.';
COMMENT ON COLUMN raw_hrv_status_summary.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_hrv_status_summary.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_hrv_status_summary.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_hrv_status_summary.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_hrv_status_summary.weekly_average_ms IS 'FIT field weekly_average';
COMMENT ON COLUMN raw_hrv_status_summary.last_night_average_ms IS 'FIT field last_night_average';
COMMENT ON COLUMN raw_hrv_status_summary.last_night_5_min_high_ms IS 'FIT field last_night_5_min_high';
COMMENT ON COLUMN raw_hrv_status_summary.baseline_low_upper_ms IS 'FIT field baseline_low_upper';
COMMENT ON COLUMN raw_hrv_status_summary.baseline_balanced_lower_ms IS 'FIT field baseline_balanced_lower';
COMMENT ON COLUMN raw_hrv_status_summary.baseline_balanced_upper_ms IS 'FIT field baseline_balanced_upper';
COMMENT ON COLUMN raw_hrv_status_summary.status IS 'FIT field status';
COMMENT ON COLUMN raw_hrv_status_summary.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_hrv_status_summary.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_hrv_value (
    athlete       VARCHAR,
    file_sha256   VARCHAR,
    msg_index     INTEGER,
    timestamp_utc TIMESTAMP,
    value_ms      DOUBLE,
    extra         JSON,
    developer     JSON
);
COMMENT ON TABLE raw_hrv_value IS 'HRV (RMSSD) samples during the night.';
COMMENT ON COLUMN raw_hrv_value.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_hrv_value.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_hrv_value.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_hrv_value.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_hrv_value.value_ms IS '5-minute RMSSD, ms; FIT field value';
COMMENT ON COLUMN raw_hrv_value.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_hrv_value.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_sleep_level (
    athlete       VARCHAR,
    file_sha256   VARCHAR,
    msg_index     INTEGER,
    timestamp_utc TIMESTAMP,
    sleep_level   VARCHAR,
    extra         JSON,
    developer     JSON
);
COMMENT ON TABLE raw_sleep_level IS 'Sleep stage changes.';
COMMENT ON COLUMN raw_sleep_level.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_sleep_level.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_sleep_level.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_sleep_level.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_sleep_level.sleep_level IS 'unmeasurable, awake, light, deep, rem; FIT field sleep_level';
COMMENT ON COLUMN raw_sleep_level.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_sleep_level.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_sleep_assessment (
    athlete                     VARCHAR,
    file_sha256                 VARCHAR,
    msg_index                   INTEGER,
    overall_sleep_score         INTEGER,
    sleep_quality_score         INTEGER,
    sleep_duration_score        INTEGER,
    sleep_recovery_score        INTEGER,
    deep_sleep_score            INTEGER,
    light_sleep_score           INTEGER,
    rem_sleep_score             INTEGER,
    awakenings_count            INTEGER,
    average_stress_during_sleep DOUBLE,
    extra                       JSON,
    developer                   JSON
);
COMMENT ON TABLE raw_sleep_assessment IS 'The watch''s scoring of a night.';
COMMENT ON COLUMN raw_sleep_assessment.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_sleep_assessment.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_sleep_assessment.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_sleep_assessment.overall_sleep_score IS 'FIT field overall_sleep_score';
COMMENT ON COLUMN raw_sleep_assessment.sleep_quality_score IS 'FIT field sleep_quality_score';
COMMENT ON COLUMN raw_sleep_assessment.sleep_duration_score IS 'FIT field sleep_duration_score';
COMMENT ON COLUMN raw_sleep_assessment.sleep_recovery_score IS 'FIT field sleep_recovery_score';
COMMENT ON COLUMN raw_sleep_assessment.deep_sleep_score IS 'FIT field deep_sleep_score';
COMMENT ON COLUMN raw_sleep_assessment.light_sleep_score IS 'FIT field light_sleep_score';
COMMENT ON COLUMN raw_sleep_assessment.rem_sleep_score IS 'FIT field rem_sleep_score';
COMMENT ON COLUMN raw_sleep_assessment.awakenings_count IS 'FIT field awakenings_count';
COMMENT ON COLUMN raw_sleep_assessment.average_stress_during_sleep IS 'FIT field average_stress_during_sleep';
COMMENT ON COLUMN raw_sleep_assessment.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_sleep_assessment.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_stress_level (
    athlete       VARCHAR,
    file_sha256   VARCHAR,
    msg_index     INTEGER,
    timestamp_utc TIMESTAMP,
    stress_level  INTEGER,
    extra         JSON,
    developer     JSON
);
COMMENT ON TABLE raw_stress_level IS 'All-day stress samples (0–100; negative values mean not measurable).';
COMMENT ON COLUMN raw_stress_level.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_stress_level.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_stress_level.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_stress_level.timestamp_utc IS 'UTC; FIT field stress_level_time';
COMMENT ON COLUMN raw_stress_level.stress_level IS 'FIT field stress_level_value';
COMMENT ON COLUMN raw_stress_level.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_stress_level.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_split (
    athlete          VARCHAR,
    file_sha256      VARCHAR,
    msg_index        INTEGER,
    start_time_utc   TIMESTAMP,
    end_time_utc     TIMESTAMP,
    split_type       VARCHAR,
    total_elapsed_s  DOUBLE,
    total_timer_s    DOUBLE,
    total_distance_m DOUBLE,
    avg_speed_mps    DOUBLE,
    avg_hr           INTEGER,
    max_hr           INTEGER,
    message_index    INTEGER,
    extra            JSON,
    developer        JSON
);
COMMENT ON TABLE raw_split IS 'Splits (climbing routes, run/walk splits, dive sections…).';
COMMENT ON COLUMN raw_split.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_split.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_split.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_split.start_time_utc IS 'UTC; FIT field start_time';
COMMENT ON COLUMN raw_split.end_time_utc IS 'UTC; FIT field end_time';
COMMENT ON COLUMN raw_split.split_type IS 'FIT field split_type';
COMMENT ON COLUMN raw_split.total_elapsed_s IS 'FIT field total_elapsed_time';
COMMENT ON COLUMN raw_split.total_timer_s IS 'FIT field total_timer_time';
COMMENT ON COLUMN raw_split.total_distance_m IS 'FIT field total_distance';
COMMENT ON COLUMN raw_split.avg_speed_mps IS 'FIT field avg_speed';
COMMENT ON COLUMN raw_split.avg_hr IS 'FIT field avg_heart_rate';
COMMENT ON COLUMN raw_split.max_hr IS 'FIT field max_heart_rate';
COMMENT ON COLUMN raw_split.message_index IS 'FIT field message_index';
COMMENT ON COLUMN raw_split.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_split.developer IS 'developer (Connect IQ) fields by name';

CREATE TABLE raw_message (
    athlete       VARCHAR,
    file_sha256   VARCHAR,
    msg_index     INTEGER,
    mesg_num      INTEGER,
    message       VARCHAR,
    timestamp_utc TIMESTAMP,
    extra         JSON,
    developer     JSON
);
COMMENT ON TABLE raw_message IS 'Every other message type, fields as JSON in `extra`.';
COMMENT ON COLUMN raw_message.athlete IS 'the athlete this file belongs to';
COMMENT ON COLUMN raw_message.file_sha256 IS 'SHA-256 of the original file (fit_files.sha256)';
COMMENT ON COLUMN raw_message.msg_index IS 'position of the message among the file''s data messages';
COMMENT ON COLUMN raw_message.mesg_num IS 'FIT field mesg_num';
COMMENT ON COLUMN raw_message.message IS 'FIT field message';
COMMENT ON COLUMN raw_message.timestamp_utc IS 'UTC; FIT field timestamp';
COMMENT ON COLUMN raw_message.extra IS 'fields without a typed column (named from Garmin''s profile)';
COMMENT ON COLUMN raw_message.developer IS 'developer (Connect IQ) fields by name';
