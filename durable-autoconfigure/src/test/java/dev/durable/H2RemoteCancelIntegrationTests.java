package dev.durable;

import org.springframework.test.annotation.DirtiesContext;

/**
 * A remote cancellation on the embedded H2 database.
 */
@DirtiesContext
class H2RemoteCancelIntegrationTests extends AbstractRemoteCancelIntegrationTests {

}
