package io.psa.platform.persistence;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * Axon's JPA entities mark their payload, metadata, token and saga columns {@code @Lob byte[]}. Hibernate 6 binds
 * those as JDBC BLOBs, which PostgreSQL stores as large objects behind an {@code oid} that are never cleaned up.
 * Bound as plain binary instead, they go into the {@code bytea} columns our Flyway schema declares (on H2 too).
 * Registered through META-INF/services, so it applies after the dialect's own type contributions.
 */
public class ByteaForLobs implements TypeContributor {
    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry serviceRegistry) {
        contributions.getTypeConfiguration().getJdbcTypeRegistry().addDescriptor(SqlTypes.BLOB, BinaryJdbcType.INSTANCE);
    }
}
