package io.telerisk.agri.field;

import org.locationtech.jts.geom.Envelope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link FieldRepository} in memory. Thread-safe. */
public final class InMemoryFieldRepository implements FieldRepository {
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private static String key(String tenant, String id) {
        return tenant + "/" + id;
    }

    @Override
    public synchronized void save(Field field) {
        fields.put(key(field.tenant(), field.fieldId()), field);
    }

    @Override
    public synchronized Optional<Field> find(String tenant, String fieldId) {
        return Optional.ofNullable(fields.get(key(tenant, fieldId)));
    }

    @Override
    public synchronized Optional<Field> findByDevice(String tenant, String deviceId) {
        return fields.values().stream().filter(f -> f.tenant().equals(tenant) && deviceId.equals(f.deviceId())).findFirst();
    }

    @Override
    public synchronized List<Field> intersecting(String tenant, Envelope wgs84) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields.values()) {
            if (f.tenant().equals(tenant) && f.boundary().getEnvelopeInternal().intersects(wgs84)) out.add(f);
        }
        return out;
    }

    @Override
    public synchronized List<Field> peers(String tenant, Crop crop, String region) {
        return fields.values().stream().filter(f -> f.tenant().equals(tenant) && f.crop() == crop && f.region().equals(region)).toList();
    }
}
