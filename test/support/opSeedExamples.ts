// The Openprovider EPP guide's op:ext examples (seed 001), with the guide's typos fixed: <trId> -> <trID>, a broken XML
// declaration, <contact:postalInfo> without its required type, an undeclared domain: prefix, and the sunrise example's
// "..." placeholders filled in. Every one must validate against schemas/epp/all.xsd (which imports opprov-1.0.xsd).
export const OP_SEED_EXAMPLES: Array<{ title: string; xml: string }> = [
  {
    title: 'domain create with op:create',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <command>
    <create>
      <domain:create xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
        <domain:name>example.com</domain:name>
        <domain:period unit="y">1</domain:period>
        <domain:ns>
          <domain:hostAttr>
            <domain:hostName>ns1.example.com</domain:hostName>
            <domain:hostAddr ip="v6">2607:f0d0:1002:51::4</domain:hostAddr>
          </domain:hostAttr>
          <domain:hostAttr>
            <domain:hostName>ns2.example.com</domain:hostName>
            <domain:hostAddr ip="v4">123.123.123.123</domain:hostAddr>
          </domain:hostAttr>
          <domain:hostAttr>
            <domain:hostName>ns3.example.com</domain:hostName>
            <domain:hostAddr ip="v4">123.123.123.125</domain:hostAddr>
            <domain:hostAddr ip="v6">2607:f0d0:1002:51::5</domain:hostAddr>
          </domain:hostAttr>
          <domain:hostAttr>
            <domain:hostName>ns3.company.net</domain:hostName>
          </domain:hostAttr>
        </domain:ns>
        <domain:registrant>FL902041-US</domain:registrant>
        <domain:contact type="admin">FL902041-US</domain:contact>
        <domain:contact type="tech">FL902041-US</domain:contact>
        <domain:authInfo>
          <domain:pw/>
        </domain:authInfo>
      </domain:create>
    </create>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:create>
          <op:domain>
            <op:promoCode>PROMO2</op:promoCode>
            <op:useDomicile>false</op:useDomicile>
            <op:nsGroup></op:nsGroup>
            <op:comments>any comment here</op:comments>
            <op:autorenew>default</op:autorenew>
            <op:nsTemplateName></op:nsTemplateName>
          </op:domain>
        </op:create>
      </op:ext>
    </extension>
    <clTRID>3F169D90-411F-11DE-84A7-80000000274B</clTRID>
  </command>
</epp>`,
  },
  {
    title: 'domain info response with op:infData',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1000">
      <msg>Command completed successfully</msg>
    </result>
    <resData xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
      <domain:infData>
        <domain:name>example.com</domain:name>
        <domain:roid>762473_DOMAIN-OPENPROV</domain:roid>
        <domain:status s="ok"/>
        <domain:registrant>OT001234-NL</domain:registrant>
        <domain:contact type="admin">OM901234-US</domain:contact>
        <domain:contact type="tech">DD01234-NL</domain:contact>
        <domain:ns>
          <domain:hostAttr>
            <domain:hostName>ns1.example.com</domain:hostName>
            <domain:hostAddr ip="v4">123.123.123.123</domain:hostAddr>
          </domain:hostAttr>
          <domain:hostAttr>
            <domain:hostName>ns2.example.com</domain:hostName>
            <domain:hostAddr ip="v4">234.234.234.234</domain:hostAddr>
          </domain:hostAttr>
        </domain:ns>
        <domain:clID>username</domain:clID>
        <domain:crDate>2012-03-28T14:08:53.0Z</domain:crDate>
        <domain:exDate>2013-03-28T12:08:54.0Z</domain:exDate>
        <domain:authInfo>
          <domain:pw>AUTHCODE</domain:pw>
        </domain:authInfo>
      </domain:infData>
    </resData>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:resData>
          <op:infData>
            <op:domain>
              <op:isLocked>false</op:isLocked>
              <op:reDate>2012-03-28T14:08:49.0Z</op:reDate>
              <op:renewalDate>2013-03-28T12:08:54.0Z</op:renewalDate>
              <op:canRenew>true</op:canRenew>
              <op:autorenew>default</op:autorenew>
              <op:useDomicile>false</op:useDomicile>
            </op:domain>
          </op:infData>
        </op:resData>
      </op:ext>
    </extension>
    <trID>
      <clTRID>3F169D90-411F-11DE-84A7-80000000274B</clTRID>
      <svTRID>CDAE7C10-A3D0-4EA7-B290-2E1A380A0690</svTRID>
    </trID>
  </response>
</epp>`,
  },
  {
    title: 'domain transfer request with op:transfer',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"
xmlns:domain="urn:ietf:params:xml:ns:domain-1.0"
xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
  <command>
    <transfer op="request">
      <domain:transfer>
        <domain:name>example.de</domain:name>
        <domain:authInfo>
          <domain:pw>AUTHCODE</domain:pw>
        </domain:authInfo>
      </domain:transfer>
    </transfer>
    <extension>
      <op:ext>
        <op:transfer>
          <op:domain>
            <op:registrant>FL902042-US</op:registrant>
            <op:contact type="admin">FL902042-US</op:contact>
            <op:contact type="tech">FL902042-US</op:contact>
            <op:ns>
              <domain:hostAttr>
                <domain:hostName>ns1.example.de</domain:hostName>
                <domain:hostAddr ip="v6">2607:f0d0:1002:51::4</domain:hostAddr>
              </domain:hostAttr>
              <domain:hostAttr>
                <domain:hostName>ns2.example.de</domain:hostName>
                <domain:hostAddr ip="v4">123.123.123.123</domain:hostAddr>
              </domain:hostAttr>
            </op:ns>
            <op:autorenew>on</op:autorenew>
            <op:nsGroup></op:nsGroup>
            <op:useDomicile>true</op:useDomicile>
            <op:comments>ANY COMMENT  HERE</op:comments>
            <op:promoCode>PROMOCODE</op:promoCode>
            <op:nsTemplateName></op:nsTemplateName>
          </op:domain>
        </op:transfer>
      </op:ext>
    </extension>
    <clTRID>EF1F57D0-3013-11DE-8D9E-8000000041FC</clTRID>
  </command>
</epp>`,
  },
  {
    title: 'domain update with op:update',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <command>
    <update>
      <domain:update xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
        <domain:name>example.com</domain:name>
        <domain:add>
          <domain:ns>
            <domain:hostAttr>
              <domain:hostName>ns1.example.com</domain:hostName>
              <domain:hostAddr ip="v6">2607:f0d0:1002:51::4</domain:hostAddr>
            </domain:hostAttr>
          </domain:ns>
          <domain:contact type="tech">DD004372-NL</domain:contact>
          <domain:status s="clientTransferProhibited"/>
        </domain:add>
        <domain:rem>
          <domain:ns>
            <domain:hostAttr>
              <domain:hostName>ns2.example.com</domain:hostName>
            </domain:hostAttr>
          </domain:ns>
          <domain:contact type="tech">JL901992-NL</domain:contact>
        </domain:rem>
        <domain:chg>
          <domain:registrant>OT000288-NL</domain:registrant>
          <domain:authInfo>
            <domain:pw/>
          </domain:authInfo>
        </domain:chg>
      </domain:update>
    </update>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:update>
          <op:domain>
            <op:chg>
              <op:autorenew>on</op:autorenew>
              <op:useDomicile>false</op:useDomicile>
              <op:comments>Custom comment</op:comments>
              <op:nsGroup></op:nsGroup>
              <op:resetAuthCode>true</op:resetAuthCode>
            </op:chg>
          </op:domain>
        </op:update>
      </op:ext>
    </extension>
    <clTRID>6A464E50-300A-11DE-B776-80000000AE6H</clTRID>
  </command>
</epp>`,
  },
  {
    title: 'sunrise create with launch and op:create',
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <command>
    <create>
      <domain:create xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
        <domain:name>example.tld</domain:name>
        <domain:period unit="y">1</domain:period>
        <domain:registrant>FL902041-US</domain:registrant>
        <domain:contact type="admin">FL902041-US</domain:contact>
        <domain:contact type="tech">FL902041-US</domain:contact>
        <domain:authInfo>
          <domain:pw/>
        </domain:authInfo>
      </domain:create>
    </create>
    <extension>
      <launch:create xmlns:launch="urn:ietf:params:xml:ns:launch-1.0">
        <launch:phase>sunrise</launch:phase>
        <smd:encodedSignedMark xmlns:smd="urn:ietf:params:xml:ns:signedMark-1.0">
          PHNtZDpzaWduZWRNYXJrLz4=
        </smd:encodedSignedMark>
      </launch:create>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:create>
          <op:domain>
            <op:autorenew>off</op:autorenew>
          </op:domain>
        </op:create>
      </op:ext>
    </extension>
    <clTRID>3F169D90-411F-11DE-84A7-80000000274B</clTRID>
  </command>
</epp>`,
  },
  {
    title: 'contact create with op:create',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:ietf:params:xml:ns:epp-1.0 epp-1.0.xsd">
  <command>
    <create>
      <contact:create xmlns:contact="urn:ietf:params:xml:ns:contact-1.0" xsi:schemaLocation="urn:ietf:params:xml:ns:contact-1.0 contact-1.0.xsd">
        <contact:id>IGNORED</contact:id>
        <contact:postalInfo type="loc">
          <contact:name>John Doe</contact:name>
          <contact:org>Example Inc.</contact:org>
          <contact:addr>
            <contact:street>Main street 15</contact:street>
            <contact:city>Rotterdam</contact:city>
            <contact:sp>Zuid-Holland</contact:sp>
            <contact:pc>3024 BN</contact:pc>
            <contact:cc>NL</contact:cc>
          </contact:addr>
        </contact:postalInfo>
        <contact:voice>+31.104482299</contact:voice>
        <contact:fax>+31.102440250</contact:fax>
        <contact:email>jdoe@example.com</contact:email>
        <contact:authInfo>
          <contact:pw/>
        </contact:authInfo>
      </contact:create>
    </create>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:create>
          <op:contact>
            <op:vat>NL09507882B01</op:vat>
            <op:comments>Custom comment</op:comments>
            <op:gender>male</op:gender>
            <op:birthDate>1982-10-23</op:birthDate>
            <op:birthCity>Amsterdam</op:birthCity>
            <op:birthCountry>NL</op:birthCountry>
            <op:birthAddress>Hoofdstraat 32</op:birthAddress>
            <op:birthState>Nood-Holland</op:birthState>
            <op:birthZipcode>1000 AA</op:birthZipcode>
            <op:companyRegistrationCity>Amsterdam</op:companyRegistrationCity>
            <op:companyRegistrationNumber>123456</op:companyRegistrationNumber>
            <op:companyRegistrationSubscriptionDate>2011-10-10</op:companyRegistrationSubscriptionDate>
            <op:headquartersAddress></op:headquartersAddress>
            <op:headquartersCity></op:headquartersCity>
            <op:headquartersCountry></op:headquartersCountry>
            <op:headquartersState></op:headquartersState>
            <op:headquartersZipcode></op:headquartersZipcode>
            <op:socialSecurityNumber></op:socialSecurityNumber>
            <op:passportNumber></op:passportNumber>
          </op:contact>
        </op:create>
      </op:ext>
    </extension>
    <clTRID>30FC8ABC-2FFE-11DE-9786-80000000A8C5</clTRID>
  </command>
</epp>`,
  },
  {
    title: 'contact info response with op:infData',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1000">
      <msg>Command completed successfully</msg>
    </result>
    <resData>
      <contact:infData xmlns:contact="urn:ietf:params:xml:ns:contact-1.0">
        <contact:id>IB000545-NL</contact:id>
        <contact:roid>495726825335031_CONTACT-OPENPROV</contact:roid>
        <contact:status s="ok"/>
        <contact:postalInfo type="loc">
          <contact:name>John Doe</contact:name>
          <contact:org>Example Inc.</contact:org>
          <contact:addr>
            <contact:street>Main Street 15</contact:street>
            <contact:city>Rotterdam</contact:city>
            <contact:sp>Zuid-Holland</contact:sp>
            <contact:pc>3024 BN</contact:pc>
            <contact:cc>NL</contact:cc>
          </contact:addr>
        </contact:postalInfo>
        <contact:voice>+31.104482299</contact:voice>
        <contact:fax>+31.102440250</contact:fax>
        <contact:email>jdoe@example.com</contact:email>
        <contact:clID>username</contact:clID>
        <contact:crID>UNSUPPORTED</contact:crID>
        <contact:crDate>2012-07-20T07:59:26.0Z</contact:crDate>
        <contact:upID>username</contact:upID>
        <contact:upDate>2012-07-20T07:59:26.0Z</contact:upDate>
      </contact:infData>
    </resData>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:resData>
          <op:infData>
            <op:contact>
              <op:gender>male</op:gender>
              <op:birthAddress></op:birthAddress>
              <op:birthCity></op:birthCity>
              <op:birthCountry></op:birthCountry>
              <op:birthDate>1982-10-23</op:birthDate>
              <op:birthState></op:birthState>
              <op:birthZipcode></op:birthZipcode>
              <op:companyRegistrationCity>Amsterdam</op:companyRegistrationCity>
              <op:companyRegistrationNumber>123456</op:companyRegistrationNumber>
              <op:companyRegistrationSubscriptionDate>2011-10-10</op:companyRegistrationSubscriptionDate>
              <op:headquartersAddress></op:headquartersAddress>
              <op:headquartersCity></op:headquartersCity>
              <op:headquartersCountry></op:headquartersCountry>
              <op:headquartersState></op:headquartersState>
              <op:headquartersZipcode></op:headquartersZipcode>
              <op:passportNumber></op:passportNumber>
              <op:socialSecurityNumber></op:socialSecurityNumber>
            </op:contact>
          </op:infData>
        </op:resData>
      </op:ext>
    </extension>
    <trID>
      <clTRID>6662D288-2FFE-11DE-A0EB-80000000AAB4</clTRID>
      <svTRID>6BFBA8FA-2FFE-11DE-A1D9-ED9826062824</svTRID>
    </trID>
  </response>
</epp>`,
  },
  {
    title: 'contact update with op:update',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:ietf:params:xml:ns:epp-1.0 epp-1.0.xsd">
  <command>
    <update>
      <contact:update xmlns:contact="urn:ietf:params:xml:ns:contact-1.0" xsi:schemaLocation="urn:ietf:params:xml:ns:contact-1.0 contact-1.0.xsd">
        <contact:id>IB000545-NL</contact:id>
        <contact:chg>
          <contact:postalInfo type="loc">
            <contact:org/>
            <contact:addr>
              <contact:street>Street 18</contact:street>
              <contact:city>Amsterdam</contact:city>
              <contact:sp>NH</contact:sp>
              <contact:pc>1000 AA</contact:pc>
              <contact:cc>NL</contact:cc>
            </contact:addr>
          </contact:postalInfo>
          <contact:voice>+31.201234567</contact:voice>
          <contact:fax/>
        </contact:chg>
      </contact:update>
    </update>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:update>
          <op:contact>
            <op:chg>
              <op:vat>NL123245443B01</op:vat>
              <op:comments></op:comments>
              <op:birthAddress></op:birthAddress>
              <op:birthCity></op:birthCity>
              <op:birthCountry></op:birthCountry>
              <op:birthDate>1982-10-23</op:birthDate>
              <op:birthState></op:birthState>
              <op:birthZipcode></op:birthZipcode>
              <op:companyRegistrationCity></op:companyRegistrationCity>
              <op:companyRegistrationNumber></op:companyRegistrationNumber>
              <op:companyRegistrationSubscriptionDate>2011-10-10</op:companyRegistrationSubscriptionDate>
              <op:headquartersAddress></op:headquartersAddress>
              <op:headquartersCity></op:headquartersCity>
              <op:headquartersCountry></op:headquartersCountry>
              <op:headquartersState></op:headquartersState>
              <op:headquartersZipcode></op:headquartersZipcode>
              <op:passportNumber></op:passportNumber>
              <op:socialSecurityNumber></op:socialSecurityNumber>
            </op:chg>
          </op:contact>
        </op:update>
      </op:ext>
    </extension>
    <clTRID>C69B3942-2FFE-11DE-A4BB-8000000034E6</clTRID>
  </command>
</epp>`,
  },
  {
    title: 'poll reply (create) with op:creData polData',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1301">
      <msg>Command completed successfully; ack to dequeue</msg>
    </result>
    <msgQ count="1" id="129">
      <qDate>2012-08-05T12:42:04.0Z</qDate>
      <msg>TRANSACTION</msg>
    </msgQ>
    <resData>
      <domain:creData xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
        <domain:name>example.com</domain:name>
        <domain:crDate>2012-08-01T20:30:20.0Z</domain:crDate>
        <domain:exDate>2013-08-31T20:40:20.0Z</domain:exDate>
      </domain:creData>
    </resData>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:resData>
          <op:creData>
            <op:domain>
              <op:polData>
                <op:action>ACTION</op:action>
                <op:status>STATUS</op:status>
                <op:transaction>TRANSACTION</op:transaction>
                <op:title>MESSAGE TITLE</op:title>
                <op:description>MESSAGE DESCRIPTION</op:description>
                <op:registryMessage>REGISTRY MESSAGE</op:registryMessage>
                <op:attachment>
                  <op:name>FILE NAME</op:name>
                  <op:body>BASE64 ENCODED FILE CONTENT</op:body>
                </op:attachment>
              </op:polData>
            </op:domain>
          </op:creData>
        </op:resData>
      </op:ext>
    </extension>
    <trID>
      <clTRID>96ABFF8A-2385-11DE-A5FC-8000000002DF</clTRID>
      <svTRID>D0D58AF1-E771-4D0E-8653-8B58ED909DE7</svTRID>
    </trID>
  </response>
</epp>`,
  },
  {
    title: 'poll reply (update/delete) with op:panData',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1301">
      <msg>Command completed successfully; ack to dequeue</msg>
    </result>
    <msgQ count="4" id="132">
      <qDate>2012-08-05T12:42:06.0Z</qDate>
      <msg>TRANSACTION</msg>
    </msgQ>
    <resData>
      <domain:panData xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
        <domain:name paResult="0">example.nl</domain:name>
        <domain:paTRID>
          <clTRID>6A464E50-300A-11DE-B776-80000000AE6H</clTRID>
          <svTRID>733582A7-1428-4F1C-8A02-CAEC83A58F8E</svTRID>
        </domain:paTRID>
        <domain:paDate>2012-08-05T12:42:05.0Z</domain:paDate>
      </domain:panData>
    </resData>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:resData>
          <op:panData>
            <op:domain>
              <op:polData>
                <op:action>ACTION</op:action>
                <op:status>STATUS</op:status>
                <op:transaction>TRANSACTION</op:transaction>
                <op:title>MESSAGE TITLE</op:title>
                <op:description>MESSAGE DESCRIPTION</op:description>
                <op:registryMessage>REGISTRY MESSAGE</op:registryMessage>
                <op:attachment>
                  <op:name>FILE NAME</op:name>
                  <op:body>BASE64 ENCODED FILE CONTENT</op:body>
                </op:attachment>
              </op:polData>
            </op:domain>
          </op:panData>
        </op:resData>
      </op:ext>
    </extension>
    <trID>
      <clTRID>96ABFF8A-2385-11DE-A5FC-8000000002DF</clTRID>
      <svTRID>09826A4F-4620-44CC-B73C-400D03FEAFC3</svTRID>
    </trID>
  </response>
</epp>`,
  },
  {
    title: 'poll reply (transfer) with op:trnData',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1301">
      <msg>Command completed successfully; ack to dequeue</msg>
    </result>
    <msgQ count="3" id="135">
      <qDate>2012-08-05T14:44:40.0Z</qDate>
      <msg>TRANSACTION</msg>
    </msgQ>
    <resData>
      <domain:trnData xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
        <domain:name>example.nl</domain:name>
        <domain:trStatus>serverCancelled</domain:trStatus>
        <domain:reID>username</domain:reID>
        <domain:reDate>2012-09-01T20:30:20.0Z</domain:reDate>
        <domain:acID>UNSUPPORTED</domain:acID>
        <domain:acDate>2012-08-05T14:44:43.0Z</domain:acDate>
        <domain:exDate>2013-10-31T20:40:20.0Z</domain:exDate>
      </domain:trnData>
    </resData>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:resData>
          <op:trnData>
            <op:domain>
              <op:polData>
                <op:action>ACTION</op:action>
                <op:status>STATUS</op:status>
                <op:transaction>TRANSACTION</op:transaction>
                <op:title>MESSAGE TITLE</op:title>
                <op:description>MESSAGE DESCRIPTION</op:description>
                <op:registryMessage>REGISTRY MESSAGE</op:registryMessage>
                <op:attachment>
                <op:name>FILE NAME</op:name>
                <op:body>BASE64 ENCODED FILE CONTENT</op:body>
                </op:attachment>
              </op:polData>
            </op:domain>
          </op:trnData>
        </op:resData>
      </op:ext>
    </extension>
    <trID>
      <clTRID>96ABFF8A-2385-11DE-A5FC-8000000002DF</clTRID>
      <svTRID>09826A4F-4620-44CC-B73C-400D03FEAFC3</svTRID>
    </trID>
  </response>
</epp>`,
  },
  {
    title: 'poll reply (trade) with op:trdData',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1301">
      <msg>Command completed successfully; ack to dequeue</msg>
    </result>
    <msgQ count="3" id="131">
      <qDate>2012-08-05T12:42:06.0Z</qDate>
      <msg>TRANSACTION</msg>
    </msgQ>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:resData>
          <op:trdData>
            <op:domain>
              <op:name>example.nl</op:name>
              <op:trStatus>pending</op:trStatus>
              <op:reID>username</op:reID>
              <op:reDate>2012-08-01T20:30:20.0Z</op:reDate>
              <op:acID>UNSUPPORTED</op:acID>
              <op:acDate>2012-08-05T12:42:08.0Z</op:acDate>
              <op:exDate>2013-10-31T20:40:20.0Z</op:exDate>
              <op:polData>
                <op:action>ACTION</op:action>
                <op:status>STATUS</op:status>
                <op:transaction>TRANSACTION</op:transaction>
                <op:title>MESSAGE TITLE</op:title>
                <op:description>MESSAGE DESCRIPTION</op:description>
                <op:registryMessage>REGISTRY MESSAGE</op:registryMessage>
                <op:attachment>
                  <op:name>FILE NAME</op:name>
                  <op:body>BASE64 ENCODED FILE CONTENT</op:body>
                </op:attachment>
              </op:polData>
            </op:domain>
          </op:trdData>
        </op:resData>
      </op:ext>
    </extension>
    <trID>
      <clTRID>96ABFF8A-2385-11DE-A5FC-8000000002DF</clTRID>
      <svTRID>F83DDF05-F54C-44DD-A55E-172CA7EE2819</svTRID>
    </trID>
  </response>
</epp>`,
  },
  {
    title: 'poll reply (outgoing transfer/trade) with op:infData polData',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<epp xmlns="urn:ietf:params:xml:ns:epp-1.0">
  <response>
    <result code="1301">
      <msg>Command completed successfully; ack to dequeue</msg>
    </result>
    <msgQ count="3" id="140">
      <qDate>2012-08-05T14:57:14.0Z</qDate>
      <msg>TRANSACTION</msg>
    </msgQ>
    <resData xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">
      <domain:infData>
        <domain:name>example.nl</domain:name>
        <domain:roid>140_DOMAIN-OPENPROV</domain:roid>
        <domain:status s="inactive"/>
        <domain:clID>username</domain:clID>
      </domain:infData>
    </resData>
    <extension>
      <op:ext xmlns:op="http://www.openprovider.nl/epp/xml/opprov-1.0">
        <op:resData>
          <op:infData>
            <op:domain>
              <op:polData>
                <op:action>ACTION</op:action>
                <op:status>STATUS</op:status>
                <op:transaction>TRANSACTION</op:transaction>
                <op:title>MESSAGE TITLE</op:title>
                <op:description>MESSAGE DESCRIPTION</op:description>
                <op:registryMessage>REGISTRY MESSAGE</op:registryMessage>
                <op:attachment>
                  <op:name>FILE NAME</op:name>
                  <op:body>BASE64 ENCODED FILE CONTENT</op:body>
                </op:attachment>
              </op:polData>
            </op:domain>
          </op:infData>
        </op:resData>
      </op:ext>
    </extension>
    <trID>
      <clTRID>96ABFF8A-2385-11DE-A5FC-8000000002DF</clTRID>
      <svTRID>4C094AED-DC31-49D1-A462-AB68C5956C3E</svTRID>
    </trID>
  </response>
</epp>`,
  },
];
