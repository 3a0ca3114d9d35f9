package org.flowwatch.streams.arrivals.validation;

import java.util.Optional;
import org.flowwatch.schemas.avro.Site;

/** The rules of one kind of record sent by a border post. */
public interface RecordRules<V> {

    /** The post that sent it, looked up in the sites reference data before {@link #check}. */
    String postOf(V value);

    /** Empty when the record may be counted; {@code post} is null when the sites topic does not know it. */
    Optional<Rejection> check(V value, Site post, RecordTimes times);
}
