package ferry.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application at the context root: /async, /proxy, /requests and /admin. */
@ApplicationPath("/")
public class FerryApplication extends Application {
}
