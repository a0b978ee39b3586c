package io.telerisk.agri.field;

import org.locationtech.jts.geom.Envelope;

import java.util.List;
import java.util.Optional;

/** Port: the system of record for fields (the hub's adapter uses its database). */
public interface FieldRepository {
    /** Inserts or replaces a field. */
    void save(Field field);

    Optional<Field> find(String tenant, String fieldId);

    /** The field a device is installed in. */
    Optional<Field> findByDevice(String tenant, String deviceId);

    /** Fields of a tenant whose WGS 84 bounding box intersects {@code wgs84}. */
    List<Field> intersecting(String tenant, Envelope wgs84);

    /** Fields with the same crop in the same region: the peer group for anomaly scores. */
    List<Field> peers(String tenant, Crop crop, String region);
}
