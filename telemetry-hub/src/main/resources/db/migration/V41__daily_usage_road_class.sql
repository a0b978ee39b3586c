-- Road class of the km driven (pricing's urban, rural and motorway shares): km the vehicle reported driving on rural
-- roads and on motorways, beside urban_distance_km. Rows summarised before this carry 0: their road class is unknown
-- (distance_km beyond urban + rural + motorway is of unknown class), which pricing never rates as a discount.
ALTER TABLE daily_usage ADD COLUMN rural_distance_km DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE daily_usage ADD COLUMN motorway_distance_km DOUBLE PRECISION DEFAULT 0 NOT NULL;
