package ferry.proxies.control;

import java.util.List;

/** A proxy's client authentication as stored: the kind, the header, and keyed hashes of the secrets. */
public class StoredClientAuth {
    public String type;
    public String header;
    public List<String> hashes;
}
